using Publisher.Core.Search;

namespace Publisher.Core.Tests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Désinformation", "desinformation")]
    [InlineData("réseaux", "reseau")]
    [InlineData("Données", "donnee")]
    [InlineData("bus", "bus")]
    [InlineData("ŒUVRES", "oeuvre")]
    [InlineData("5G", "5g")]
    public void Words_take_one_search_form(string word, string stem) =>
        Assert.Equal(stem, SearchText.Stem(word));

    [Theory]
    [InlineData("l’intelligence artificielle", new[] { "intelligence", "artificielle" })]
    [InlineData("L'IA qu’on dit d’avenir, lʼusage", new[] { "ia", "on", "dit", "avenir", "usage" })]
    [InlineData("Le mot d seul, et l", new[] { "mot", "d", "seul", "l" })]
    [InlineData("NEAR(musk \"trump\") -x*", new[] { "near", "musk", "trump", "x" })]
    [InlineData("musk musk Musk", new[] { "musk" })]
    [InlineData("  ?! « » ", new string[0])]
    public void Queries_are_only_words(string query, string[] terms) =>
        Assert.Equal(terms, SearchText.Terms(query));

    [Theory]
    [InlineData("Centre de données en Bretagne", new[] { "centre", "donnee", "bretagne" })]
    [InlineData("À la une : l’IA pour les PME", new[] { "ia", "pme" })]
    [InlineData("le son sans fil", new[] { "son", "san", "fil" })]
    [InlineData("le langage C", new[] { "langage", "c" })]
    [InlineData("Les Échos", new[] { "echo" })]
    public void Little_words_are_left_out(string query, string[] terms) =>
        Assert.Equal(terms, SearchText.Terms(query));

    [Theory]
    [InlineData("CES 2026", new[] { "ces", "2026" })]
    [InlineData("l’iPhone SE de 2022", new[] { "iphone", "se", "2022" })]
    [InlineData("la série A de la start-up", new[] { "serie", "a", "start", "up" })]
    [InlineData("les câbles USB-A et la génération Y", new[] { "cable", "usb", "a", "generation", "y" })]
    [InlineData("Orange SA à LA", new[] { "orange", "sa", "la" })]
    [InlineData("À la une, l’Europe", new[] { "europe" })]
    public void Names_and_acronyms_typed_in_capitals_are_kept(string query, string[] terms) =>
        Assert.Equal(terms, SearchText.Terms(query));

    [Theory]
    [InlineData("de", new[] { "de" })]
    [InlineData("Et la ?", new[] { "et", "la" })]
    public void A_query_of_little_words_only_keeps_them(string query, string[] terms) =>
        Assert.Equal(terms, SearchText.Terms(query));

    [Fact]
    public void Little_words_do_not_count_towards_the_bound()
    {
        var query = string.Join(" de la ", Enumerable.Range(0, SearchText.MaxTerms).Select(i => "mot" + i));

        Assert.Equal(Enumerable.Range(0, SearchText.MaxTerms).Select(i => "mot" + i), SearchText.Terms(query));
    }

    [Fact]
    public void Decomposed_accents_are_read_as_the_letters_they_make()
    {
        var decomposed = "de\u0301sinformation";

        Assert.Equal("desinformation", SearchText.ForIndex(decomposed));
        Assert.Equal(["desinformation"], SearchText.Terms(decomposed));
    }

    [Fact]
    public void Queries_keep_a_bounded_number_of_terms()
    {
        var query = string.Join(' ', Enumerable.Range(0, 100).Select(i => "mot" + i));

        Assert.Equal(SearchText.MaxTerms, SearchText.Terms(query).Count);
    }

    [Fact]
    public void The_snippet_starts_near_the_first_match_and_marks_every_match()
    {
        var text = string.Join(' ', Enumerable.Repeat("avant", 40)) + " la Désinformation gagne, les désinformations aussi. " + string.Join(' ', Enumerable.Repeat("après", 40));

        var parts = Snippet.Build(text, SearchText.Terms("desinformation"));

        Assert.Equal("… ", parts[0].Text);
        Assert.Equal(["Désinformation", "désinformations"], parts.Where(part => part.IsMatch).Select(part => part.Text));
        Assert.Equal(" …", parts[^1].Text);
    }
}
