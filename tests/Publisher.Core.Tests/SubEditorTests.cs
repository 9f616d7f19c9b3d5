using Publisher.Core.Editing;
using Publisher.Core.Markdown;

namespace Publisher.Core.Tests;

public sealed class SubEditorTests
{
    private static readonly ArticleMarkdown Markdown = new();

    private static readonly Draft Clean = new("Un titre", "Un chapô.", "Spatial", "Un texte « bien » cité, avec un [lien](https://exemple.fr).", true, "Une fusée", "ESA");

    [Fact]
    public void A_clean_article_gets_no_remark() => Assert.Empty(SubEditor.Review(Clean, Markdown));

    [Theory]
    [InlineData("title", "Le titre compte")]
    [InlineData("standfirst", "Il manque le chapô")]
    [InlineData("section", "Aucune rubrique")]
    [InlineData("alt", "texte alternatif")]
    [InlineData("credit", "crédit photo")]
    [InlineData("quotes", "guillemets anglais")]
    [InlineData("curly", "guillemets anglais")]
    [InlineData("emptylink", "Un lien n’a pas de texte")]
    public void Each_problem_gets_its_remark(string problem, string remark)
    {
        var draft = problem switch
        {
            "title" => Clean with { Title = new string('x', SubEditor.LongTitle + 1) },
            "standfirst" => Clean with { Standfirst = " " },
            "section" => Clean with { Section = "" },
            "alt" => Clean with { ImageAlt = null },
            "credit" => Clean with { ImageCredit = "" },
            "quotes" => Clean with { Body = "Il a dit “non”." },
            "curly" => Clean with { Title = "Le “réseau”" },
            _ => Clean with { Body = "Voir [](https://exemple.fr)." },
        };

        var remarks = SubEditor.Review(draft, Markdown);

        Assert.Contains(remarks, text => text.Contains(remark, StringComparison.Ordinal));
        Assert.Single(remarks);
    }

    [Theory]
    [InlineData("Il a dit \"non\".")]
    [InlineData("Il a dit « non ».")]
    [InlineData("« Il a dit \"non\" », raconte-t-elle.")]
    public void Quotes_typography_turns_into_guillemets_are_not_remarked(string text) =>
        Assert.Empty(SubEditor.Review(Clean with { Title = text, Standfirst = text, Body = text }, Markdown));

    [Theory]
    [InlineData("Un écran de 27\" ou \"plus")]
    [InlineData("Le “réseau”")]
    public void Quotes_left_english_after_typography_are_remarked(string text) =>
        Assert.Contains(SubEditor.Review(Clean with { Body = text }, Markdown), remark => remark.Contains("guillemets anglais", StringComparison.Ordinal));

    [Fact]
    public void Quotes_in_code_are_not_remarked() =>
        Assert.Empty(SubEditor.Review(Clean with { Body = "Tapez `echo \"ok\"` puis :\n\n```\nprint(\"bonjour\")\n```" }, Markdown));
}
