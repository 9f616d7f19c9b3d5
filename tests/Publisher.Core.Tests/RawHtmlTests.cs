using AngleSharp.Html.Parser;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;
using Publisher.Tests.Hostile;

namespace Publisher.Core.Tests;

/// <summary>
/// Raw HTML an author types never hides text from readers: the tags a browser would read as the start of
/// raw text (or that the sanitiser would drop with their content) are written out as visible text, as
/// GFM's « disallowed raw HTML » extension does; whatever the sanitiser removes keeps the text it held.
/// </summary>
public sealed class RawHtmlTests
{
    private static readonly ArticleMarkdown Markdown = new();

    /// <summary>Every tag the issue names, which used to take the rest of the article with it.</summary>
    public static readonly string[] SwallowingTags =
        ["title", "style", "textarea", "noscript", "xmp", "plaintext", "iframe", "noembed", "noframes", "script", "select", "template", "object"];

    public static TheoryData<string, string> TagsInEveryPosition()
    {
        var data = new TheoryData<string, string>();
        foreach (var tag in SwallowingTags)
        {
            foreach (var position in new[] { "sentence-unclosed", "sentence-closed", "line-unclosed", "line-closed", "line-closed-inside" })
            {
                data.Add(tag, position);
            }
        }
        return data;
    }

    /// <summary>An article body naming <paramref name="tag"/> in the given position, with three paragraphs after it.</summary>
    internal static string Body(string tag, string position) => position switch
    {
        "sentence-unclosed" => $"Pour le référencement, la balise <{tag}> compte beaucoup.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.",
        "sentence-closed" => $"Pour le référencement, la balise <{tag}>dedans</{tag}> compte beaucoup.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.",
        "line-unclosed" => $"Pour le référencement, la balise compte beaucoup.\n\n<{tag}>\n\nDeuxième paragraphe.\n\nTroisième paragraphe.",
        "line-closed" => $"Pour le référencement, la balise compte beaucoup.\n\n<{tag}>\ndedans\n</{tag}>\n\nDeuxième paragraphe.\n\nTroisième paragraphe.",
        _ => $"Pour le référencement, la balise compte beaucoup.\n\n<{tag}>dedans</{tag}>\n\nDeuxième paragraphe.\n\nTroisième paragraphe.",
    };

    private static string TextOf(string html) => new HtmlParser().ParseDocument("<body>" + html).Body!.TextContent;

    [Theory]
    [MemberData(nameof(TagsInEveryPosition))]
    public void A_tag_named_in_the_text_is_shown_and_hides_nothing_after_it(string tag, string position)
    {
        var rendered = Markdown.Render(Body(tag, position));
        var text = TextOf(rendered.Html);

        Assert.Contains("compte beaucoup.", text, StringComparison.Ordinal);
        Assert.Contains("Deuxième paragraphe.", text, StringComparison.Ordinal);
        Assert.Contains("Troisième paragraphe.", text, StringComparison.Ordinal);
        Assert.Contains($"<{tag}>", text, StringComparison.Ordinal);
        if (position.EndsWith("closed", StringComparison.Ordinal) && !position.EndsWith("unclosed", StringComparison.Ordinal) || position == "line-closed-inside")
        {
            Assert.Contains("dedans", text, StringComparison.Ordinal);
            Assert.Contains($"</{tag}>", text, StringComparison.Ordinal);
        }
        Assert.Contains("Troisième paragraphe.", rendered.PlainText, StringComparison.Ordinal);
        Assert.Empty(ScriptVectors.In(new HtmlParser().ParseDocument(rendered.Html).Body!));
    }

    [Fact]
    public void The_tags_are_written_as_typed_in_capitals_with_attributes_and_no_typography()
    {
        var rendered = Markdown.Render("Une vidéo s’intègre avec <IFRAME src=\"https://exemple.fr/v?a=1\" title=\"Vidéo : démo\"></IFRAME> ; voilà.");

        Assert.Equal("Une vidéo s’intègre avec <IFRAME src=\"https://exemple.fr/v?a=1\" title=\"Vidéo : démo\"></IFRAME>\u202F; voilà.", TextOf(rendered.Html).TrimEnd());
    }

    [Fact]
    public void A_closed_select_with_options_keeps_the_options_and_everything_after_it()
    {
        var text = TextOf(Markdown.Render("Choisissez <select><option>un</option><option>deux</option></select> puis validez.\n\nLa suite de l’article.").Html);

        Assert.Contains("<select>", text, StringComparison.Ordinal);
        Assert.Contains("un", text, StringComparison.Ordinal);
        Assert.Contains("deux", text, StringComparison.Ordinal);
        Assert.Contains("</select> puis validez.", text, StringComparison.Ordinal);
        Assert.Contains("La suite de l’article.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Un <form action=\"/x\">formulaire <button>avec bouton</button></form> ici.", "Un formulaire avec bouton ici.")]
    [InlineData("Une formule <math><mi>x</mi></math> ici.", "Une formule x ici.")]
    [InlineData("Un dessin <svg><text>légendé</text></svg> ici.", "Un dessin légendé ici.")]
    [InlineData("Un <applet code=\"x\">applet ancien</applet> ici.", "Un applet ancien ici.")]
    [InlineData("Un <marquee>texte défilant</marquee> ici.", "Un texte défilant ici.")]
    public void An_element_the_sanitiser_removes_leaves_its_text(string markdown, string expected)
    {
        var html = Markdown.Render(markdown).Html;

        Assert.Equal(expected, TextOf(html).Trim());
        Assert.Empty(ScriptVectors.In(new HtmlParser().ParseDocument(html).Body!));
    }

    [Fact]
    public void The_changes_made_to_raw_html_are_reported()
    {
        var rendered = Markdown.Render("La balise <title> et <style>.\n\n<form>texte</form> <p onclick=\"alert(1)\">x</p> [lien](javascript:alert(1)) <a href=\"javascript:alert(1)\">a</a>\n\n<!-- note pour la rédaction -->");

        Assert.Contains(new HtmlChange(HtmlChangeKind.Escaped, "title"), rendered.Changes);
        Assert.Contains(new HtmlChange(HtmlChangeKind.Escaped, "style"), rendered.Changes);
        Assert.Contains(new HtmlChange(HtmlChangeKind.RemovedElement, "form"), rendered.Changes);
        Assert.Contains(new HtmlChange(HtmlChangeKind.RemovedAttribute, "p", "onclick"), rendered.Changes);
        Assert.Contains(new HtmlChange(HtmlChangeKind.RemovedAttribute, "a", "href"), rendered.Changes);
        Assert.Contains(rendered.Changes, change => change.Kind == HtmlChangeKind.RemovedComment && change.Detail!.Contains("note pour la rédaction", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ArticleMarkdownTests.GoldenCases), MemberType = typeof(ArticleMarkdownTests))]
    public void The_pipelines_own_markup_is_never_reported(string name)
    {
        var rendered = Markdown.Render(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "Markdown", name + ".md")));

        Assert.Empty(rendered.Changes);
    }

    [Theory]
    [InlineData("| Gauche | Centre | Droite |\n|:--|:-:|--:|\n| a | b | c |")]
    [InlineData("+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+")]
    public void Markdown_tables_report_nothing_removed(string markdown) => Assert.Empty(Markdown.Render(markdown).Changes);

    [Fact]
    public void The_sub_editor_says_in_french_what_was_shown_as_text_and_what_was_removed()
    {
        var draft = new Draft("Un titre", "Un chapô.", "Web", "La balise <title> compte.\n\n<form>Un <button>bouton</button> <span onclick=\"x()\">ici</span></form>\n\n<!-- à relire", false);

        var remarks = SubEditor.Review(draft, Markdown);

        Assert.Contains(remarks, remark => remark.StartsWith("La balise <title> est affichée telle quelle", StringComparison.Ordinal));
        Assert.Contains(remarks, remark => remark.StartsWith("Les balises <form> et <button> sont retirées", StringComparison.Ordinal) && remark.Contains("texte", StringComparison.Ordinal));
        Assert.Contains(remarks, remark => remark.StartsWith("L’attribut onclick de <span> est retiré", StringComparison.Ordinal));
        Assert.Contains(remarks, remark => remark.StartsWith("Un commentaire HTML <!-- n’est pas fermé", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unclosed_comment_is_shown_as_text_and_hides_nothing_after_it()
    {
        var rendered = Markdown.Render("Avant le commentaire.\n\n<!-- à relire\n\nLa suite de l’article.\n\nEt sa fin.");

        Assert.Contains("&lt;!--", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("La suite de l’article.", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains("Et sa fin.", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains(rendered.Changes, change => change.Kind == HtmlChangeKind.UnclosedComment);
    }

    [Fact]
    public void A_comment_ended_by_a_bang_does_not_let_a_template_after_it_swallow_text()
    {
        var rendered = Markdown.Render("<!-- note --!>\n\nLa balise <template> sert aux gabarits, et ce texte reste.");

        Assert.Contains("ce texte reste", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains(rendered.Changes, change => change.Kind == HtmlChangeKind.Escaped && change.Element == "template");
    }

    [Fact]
    public void Several_tags_shown_as_text_are_named_together()
    {
        var draft = new Draft("Un titre", "Un chapô.", "Web", "Les balises <script>, <style> et <title>, puis encore <script>.", false);

        var remarks = SubEditor.Review(draft, Markdown);

        Assert.Contains("Les balises <script>, <style> et <title> sont affichées telles quelles", string.Join('\n', remarks), StringComparison.Ordinal);
    }

    public static TheoryData<string> DeepHtml() =>
    [
        string.Concat(Enumerable.Repeat("<div>", 40_000)),
        string.Concat(Enumerable.Repeat("<div>", 40_000)) + string.Concat(Enumerable.Repeat("</div>", 40_000)),
        string.Concat(Enumerable.Repeat("<div/>", 40_000)),
        "Un texte " + string.Concat(Enumerable.Repeat("<span>", 40_000)),
        "Un texte " + string.Concat(Enumerable.Repeat("<b>", 40_000)),
        string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<td><p><u title=\"{i}\">x</p>")),
        string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<p><i class=\"c{i}\">x</p>")),
        string.Concat(Enumerable.Repeat("<li><ul>", 20_000)),
        string.Concat(Enumerable.Repeat("<div></x>", 20_000)),
    ];

    [Theory]
    [MemberData(nameof(DeepHtml))]
    public void Deeply_nested_raw_html_is_refused_as_too_complex(string markdown)
    {
        var error = Assert.Throws<MarkdownTooComplexException>(() => Markdown.Render(markdown));

        Assert.Contains("too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_raw_html_nesting_and_repeated_unclosed_tags_still_render()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 40)) + "au fond" + string.Concat(Enumerable.Repeat("</div>", 40));
        var paragraphs = string.Concat(Enumerable.Repeat("<p>Un paragraphe <b>gras sans fin\n\n", 300));
        var items = "<ul>" + string.Concat(Enumerable.Repeat("<li>Un point\n", 2_000)) + "</ul>";
        var links = string.Concat(Enumerable.Range(0, 300).Select(i => $"<a href=\"/a/{i}\">lien {i} "));
        var cells = "<table><tr>" + string.Concat(Enumerable.Range(0, 300).Select(i => $"<td><u title=\"{i}\">cellule {i}")) + "</table>";
        var misnested = string.Concat(Enumerable.Range(0, 300).Select(i => $"<b id=\"b{i}\"><p></b>x"));

        foreach (var markdown in new[] { nested, paragraphs, items, links, cells, misnested })
        {
            Assert.NotEmpty(Markdown.Render(markdown).Html);
        }
    }
}
