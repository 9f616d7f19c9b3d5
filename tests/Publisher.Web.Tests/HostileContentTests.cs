using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Core.Text;
using Publisher.Tests.Hostile;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>
/// Every payload of the cross-site-scripting corpus (tests/Publisher.Core.Tests/Cases/xss.txt), typed by an
/// author as an article's title, standfirst and body, reaches readers as inert text or safe markup: in the
/// page, its JSON-LD, its RSS feed and the editor's preview.
/// </summary>
public sealed class HostileContentTests(EditorSite app) : IClassFixture<EditorSite>
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public static TheoryData<int, string> Payloads()
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "xss.txt")))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                data.Add(index++, line);
            }
        }
        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_payloads() => Assert.True(Payloads().Count >= 100, $"{Payloads().Count} payloads");

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_hostile_article_reaches_readers_inert_in_the_page_the_json_ld_and_the_feed(int index, string payload)
    {
        var slug = $"hostile-{index}";
        var title = "Titre " + payload;
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(new ArticleInput(
            slug, title, payload, "Avant.\n\n" + payload + "\n\nAprès.", "Sécurité", "Camille Renaud", [$"Corpus {index}"],
            ArticleStatus.Published, PublisherFactory.Today.AddDays(-1), null, null, null, null, null), null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/" + slug);
        // What authors write shows in the content and the sidebar; the head holds the site's own tags only.
        Assert.Empty(ScriptVectors.In(page.QuerySelector("main")!));
        Assert.Empty(ScriptVectors.In(page.QuerySelector("aside.sidebar")!));
        Assert.Empty(page.Head!.QuerySelectorAll("script:not([type='application/ld+json']), meta[http-equiv], base, style"));
        Assert.All(page.Head.QuerySelectorAll("link[href]"), link => Assert.True(ScriptVectors.IsSafeUrl(link.GetAttribute("href")!), link.OuterHtml));
        Assert.Equal(FrenchTypography.Apply(title), page.QuerySelector("h1")!.TextContent);
        var headlines = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => JsonDocument.Parse(script.TextContent).RootElement)
            .Where(json => json.TryGetProperty("@type", out var type) && type.GetString() == "NewsArticle")
            .Select(json => json.GetProperty("headline").GetString())
            .ToList();
        Assert.Equal([FrenchTypography.Apply(title)], headlines);

        using var client = app.CreateReader();
        var feed = XDocument.Parse(await client.GetStringAsync(new Uri($"/tags/corpus-{index}/feed.xml", UriKind.Relative), TestContext.Current.CancellationToken));
        var item = Assert.Single(feed.Descendants("item"));
        Assert.Equal(FrenchTypography.Apply(title), item.Element("title")!.Value);
        var body = new HtmlParser().ParseDocument(item.Element(Content + "encoded")!.Value);
        Assert.Empty(ScriptVectors.In(body.DocumentElement));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_hostile_text_is_previewed_inert_in_the_editor(int index, string payload)
    {
        var editor = await app.EditorAsync();
        var (_, blank) = await editor.GetAsync("/admin/articles");

        var (_, previewed) = await editor.SubmitAsync("/admin/articles", (IHtmlFormElement)blank.QuerySelector("form.editor")!, new Dictionary<string, string>
        {
            ["Input.Title"] = "Aperçu " + index + " " + payload,
            ["Input.Standfirst"] = payload,
            ["Input.Section"] = "Sécurité",
            ["Input.Body"] = "Avant.\n\n" + payload + "\n\nAprès.",
        }, "Prévisualiser");

        var preview = previewed.QuerySelector("#apercu-direct");
        Assert.NotNull(preview);
        Assert.NotNull(preview.QuerySelector(".article-body"));
        Assert.Empty(ScriptVectors.In(preview));
    }
}
