using Publisher.Core.Text;

namespace Publisher.Core.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Sécurité", "securite")]
    [InlineData("L’art de la désinformation", "l-art-de-la-desinformation")]
    [InlineData("L'art de la désinformation", "l-art-de-la-desinformation")]
    [InlineData("Œuvre et cæcum", "oeuvre-et-caecum")]
    [InlineData("Ça, c’est Noël !", "ca-c-est-noel")]
    [InlineData("  --Réseaux   sociaux--  ", "reseaux-sociaux")]
    [InlineData("IA générative : 5 questions", "ia-generative-5-questions")]
    [InlineData("X/Twitter", "x-twitter")]
    [InlineData("Straße", "strasse")]
    [InlineData("«  »  ?!", "")]
    public void Folds_accents_and_joins_words_with_hyphens(string text, string expected) =>
        Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void Long_titles_are_cut_on_a_word_boundary()
    {
        var slug = Slug.From("Réseaux sociaux interdits aux moins de 15 ans : premier bilan de la vérification d’âge des plateformes");

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith("reseaux-sociaux-interdits", slug, StringComparison.Ordinal);
        Assert.DoesNotContain("--", slug, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_leaves_an_elided_letter_at_the_end()
    {
        var slug = Slug.From("Réseaux sociaux interdits aux moins de 15 ans : premier bilan de la vérification d’âge");

        Assert.Equal("reseaux-sociaux-interdits-aux-moins-de-15-ans-premier-bilan-de-la-verification", slug);
    }

    [Theory]
    [InlineData("securite", true)]
    [InlineData("l-art-de-la-desinformation", true)]
    [InlineData("Securite", false)]
    [InlineData("sécurité", false)]
    [InlineData("double--tiret", false)]
    [InlineData("-tiret", false)]
    [InlineData("", false)]
    public void Recognises_slugs_in_canonical_form(string candidate, bool valid) =>
        Assert.Equal(valid, Slug.IsValid(candidate));
}
