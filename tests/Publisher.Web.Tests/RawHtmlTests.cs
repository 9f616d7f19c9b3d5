using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Tests.Hostile;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>
/// A tag named in an article (« la balise &lt;title&gt; compte beaucoup ») reaches readers as text, with
/// everything written after it: on the article's page, in its RSS feed and in the editor's preview, whose
/// remarks say what was shown as text. A body nested too deeply is refused with the editor's message.
/// </summary>
public sealed class RawHtmlTests(EditorSite app) : IClassFixture<EditorSite>
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private static readonly string[] Sentences =
        ["compte beaucoup.", "Première suite.", "fermée", "dans une phrase.", "Deuxième suite.", "Troisième suite.", "dedans", "Quatrième suite.", "Fin de l’article."];

    public static TheoryData<string> Tags() =>
        ["title", "style", "textarea", "noscript", "xmp", "plaintext", "iframe", "noembed", "noframes", "script", "select", "template", "object"];

    // The tag in a sentence, unclosed then closed; alone on a line, unclosed then closed; a sentence after each.
    private static string Body(string tag) =>
        $"Pour le référencement, la balise <{tag}> compte beaucoup.\n\nPremière suite.\n\n"
        + $"Une balise <{tag}>fermée</{tag}> dans une phrase.\n\nDeuxième suite.\n\n"
        + $"<{tag}>\n\nTroisième suite.\n\n"
        + $"<{tag}>\ndedans\n</{tag}>\n\nQuatrième suite.\n\nFin de l’article.";

    private static void AssertNothingLost(string tag, IElement body)
    {
        var text = body.TextContent;
        Assert.All(Sentences, sentence => Assert.Contains(sentence, text, StringComparison.Ordinal));
        Assert.Equal(4, text.Split($"<{tag}>").Length - 1);
        Assert.Equal(2, text.Split($"</{tag}>").Length - 1);
        Assert.Empty(ScriptVectors.In(body));
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public async Task A_tag_named_in_an_article_hides_nothing_on_its_page_or_in_its_feed(string tag)
    {
        var slug = "balise-" + tag;
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(new ArticleInput(
            slug, $"La balise {tag}", "Un chapô.", Body(tag), "Web", "Camille Renaud", ["Balise " + tag],
            ArticleStatus.Published, PublisherFactory.Today.AddDays(-1), null, null, null, null, null), null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/" + slug);
        AssertNothingLost(tag, page.QuerySelector("main .article-body")!);

        using var client = app.CreateReader();
        var feed = XDocument.Parse(await client.GetStringAsync(new Uri($"/tags/balise-{tag}/feed.xml", UriKind.Relative), TestContext.Current.CancellationToken));
        var item = Assert.Single(feed.Descendants("item"));
        AssertNothingLost(tag, new HtmlParser().ParseDocument(item.Element(Content + "encoded")!.Value).Body!);
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public async Task A_tag_named_in_an_article_hides_nothing_in_the_preview_and_the_remarks_say_it_is_shown_as_text(string tag)
    {
        var preview = await PreviewAsync(Body(tag));

        AssertNothingLost(tag, preview.QuerySelector(".article-body")!);
        var remarks = preview.QuerySelectorAll(".remarks li").Select(item => item.TextContent).ToList();
        Assert.Contains($"La balise <{tag}> est affichée telle quelle", string.Join('\n', remarks), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_select_keeps_its_options_and_what_follows_on_the_page()
    {
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(new ArticleInput(
            "liste-deroulante", "Une liste déroulante", "Un chapô.", "Choisissez <select><option>un</option><option>deux</option></select> puis validez.\n\nLa suite de l’article.",
            "Web", "Camille Renaud", ["Formulaires"], ArticleStatus.Published, PublisherFactory.Today.AddDays(-1), null, null, null, null, null), null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/liste-deroulante");

        var text = page.QuerySelector("main .article-body")!.TextContent;
        Assert.Contains("Choisissez <select>undeux</select> puis validez.", text, StringComparison.Ordinal);
        Assert.Contains("La suite de l’article.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_says_what_the_sanitiser_removed_and_keeps_its_text()
    {
        var preview = await PreviewAsync("Un <form>formulaire <button>bouton</button> <span onclick=\"envoyer()\">ici</span></form>.\n\n<!-- note pour la rédaction -->");

        Assert.Equal("Un formulaire bouton ici.", preview.QuerySelector(".article-body")!.Text());
        var remarks = string.Join('\n', preview.QuerySelectorAll(".remarks li").Select(item => item.TextContent));
        Assert.Contains("Les balises <form> et <button> sont retirées", remarks, StringComparison.Ordinal);
        Assert.Contains("L’attribut onclick de <span> est retiré", remarks, StringComparison.Ordinal);
        Assert.Contains("Un commentaire HTML est masqué aux lecteurs", remarks, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Prévisualiser")]
    [InlineData("Enregistrer")]
    public async Task Forty_thousand_nested_divs_are_refused_beside_the_body_never_an_error(string button)
    {
        var editor = await app.EditorAsync();
        var (_, blank) = await editor.GetAsync("/admin/articles");

        var (response, page) = await editor.SubmitAsync("/admin/articles", (IHtmlFormElement)blank.QuerySelector("form.editor")!, Form(string.Concat(Enumerable.Repeat("<div>", 40_000))), button);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Le texte imbrique trop profondément", page.QuerySelector("[data-valmsg-for='Input.Body']")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".preview .article-body"));
    }

    private static Dictionary<string, string> Form(string body) => new()
    {
        ["Input.Title"] = "Un aperçu de balises",
        ["Input.Slug"] = "",
        ["Input.Standfirst"] = "Un chapô.",
        ["Input.Section"] = "Spatial",
        ["Input.Author"] = "Julien Marchetti",
        ["Input.Tags"] = "Fusées",
        ["Input.Body"] = body,
        ["Input.Status"] = "draft",
        ["Input.PublishAt"] = "2026-11-24T12:30",
    };

    private async Task<IElement> PreviewAsync(string body)
    {
        var editor = await app.EditorAsync();
        var (_, blank) = await editor.GetAsync("/admin/articles");
        var (_, previewed) = await editor.SubmitAsync("/admin/articles", (IHtmlFormElement)blank.QuerySelector("form.editor")!, Form(body), "Prévisualiser");
        return previewed.QuerySelector(".preview")!;
    }
}
