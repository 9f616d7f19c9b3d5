using System.Text.Json;
using AngleSharp.Html.Dom;

namespace Publisher.Web.Tests;

public sealed class HeadMetadataTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const string Base = PublisherFactory.BaseUrl;

    private static string? Meta(IHtmlDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");

    private static List<JsonElement> JsonLd(IHtmlDocument page) =>
        page.QuerySelectorAll("script[type='application/ld+json']").Select(script => JsonDocument.Parse(script.TextContent).RootElement).ToList();

    [Fact]
    public async Task An_article_describes_itself_to_search_engines_and_social_networks()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Base + "/articles/" + SampleContent.SeedSlug, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.StartsWith("Elon Musk, le patron de Twitter", Meta(page, "description"), StringComparison.Ordinal);
        Assert.Equal("index, follow, max-image-preview:large", Meta(page, "robots"));
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter", Meta(page, "og:title"));
        Assert.Equal(Base + "/articles/" + SampleContent.SeedSlug, Meta(page, "og:url"));
        Assert.Equal("fr_FR", Meta(page, "og:locale"));
        Assert.Equal("Publisher", Meta(page, "og:site_name"));
        Assert.StartsWith(Base + "/media/", Meta(page, "og:image"), StringComparison.Ordinal);
        Assert.Equal(("1200", "675"), (Meta(page, "og:image:width"), Meta(page, "og:image:height")));
        Assert.Equal("2024-08-12T09:05:00+02:00", Meta(page, "article:published_time"));
        Assert.Equal("Réseaux sociaux", Meta(page, "article:section"));
        Assert.Equal(["Désinformation", "Elon Musk", "Union européenne", "X"], page.QuerySelectorAll("meta[property='article:tag']").Select(tag => tag.GetAttribute("content")));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal([Base + "/feed.xml", Base + "/rubriques/reseaux-sociaux/feed.xml"], page.QuerySelectorAll("link[rel=alternate][type='application/rss+xml']").Select(link => link.GetAttribute("href")));

        using var client = app.CreateReader();
        using var picture = await client.GetAsync(new Uri(PublisherFactory.PathOf(Meta(page, "og:image")!), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_article_carries_a_news_article_and_its_breadcrumbs_as_json_ld()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var nodes = JsonLd(page);
        var article = nodes.Single(node => node.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal("Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter", article.GetProperty("headline").GetString());
        Assert.Equal("2024-08-12T09:05:00+02:00", article.GetProperty("datePublished").GetString());
        Assert.Equal("2024-08-12T09:05:00+02:00", article.GetProperty("dateModified").GetString());
        Assert.Equal("Person", article.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("La rédaction", article.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("Publisher", article.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal(Base + "/images/logo.png", article.GetProperty("publisher").GetProperty("logo").GetProperty("url").GetString());
        Assert.Equal(Base + "/articles/" + SampleContent.SeedSlug, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("Réseaux sociaux", article.GetProperty("articleSection").GetString());
        Assert.Equal("fr-FR", article.GetProperty("inLanguage").GetString());
        var images = article.GetProperty("image").EnumerateArray().ToList();
        Assert.Equal([(1200, 675), (900, 675), (675, 675)], images.Select(image => (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32())));
        Assert.All(images, image =>
        {
            Assert.Equal("ImageObject", image.GetProperty("@type").GetString());
            Assert.Equal("Matt Rourke / AP", image.GetProperty("creditText").GetString());
            Assert.StartsWith("Republican presidential candidate", image.GetProperty("caption").GetString(), StringComparison.Ordinal);
        });
        using var client = app.CreateReader();
        foreach (var image in images)
        {
            using var response = await client.GetAsync(new Uri(PublisherFactory.PathOf(image.GetProperty("url").GetString()!), UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        var trail = nodes.Single(node => node.GetProperty("@type").GetString() == "BreadcrumbList").GetProperty("itemListElement").EnumerateArray()
            .Select(item => (item.GetProperty("position").GetInt32(), item.GetProperty("name").GetString(), item.GetProperty("item").GetString()));
        Assert.Equal(
            [(1, "Accueil", Base + "/"), (2, "Réseaux sociaux", Base + "/rubriques/reseaux-sociaux"), (3, "Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter", Base + "/articles/" + SampleContent.SeedSlug)],
            trail);
    }

    [Fact]
    public async Task The_home_page_names_the_site_its_search_and_its_publisher()
    {
        var (_, page) = await app.GetPageAsync("/");

        var nodes = JsonLd(page);
        var site = nodes.Single(node => node.GetProperty("@type").GetString() == "WebSite");
        Assert.Equal(Base + "/recherche?q={search_term_string}", site.GetProperty("potentialAction").GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("SearchAction", site.GetProperty("potentialAction").GetProperty("@type").GetString());
        Assert.Equal("Publisher", nodes.Single(node => node.GetProperty("@type").GetString() == "Organization").GetProperty("name").GetString());
        Assert.Equal(Base + "/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal(Base + "/images/social-card.png", Meta(page, "og:image"));
        Assert.Equal(Base + "/?page=2", page.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("link[rel=prev]"));
    }

    [Fact]
    public async Task Page_two_of_a_list_is_a_page_of_its_own()
    {
        var (_, page) = await app.GetPageAsync("/?page=2");

        Assert.Equal(Base + "/?page=2", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("L’actualité tech – Page 2 – Publisher", page.Title);
        Assert.Equal(Base + "/", page.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.Empty(JsonLd(page));
    }

    [Fact]
    public async Task Every_public_page_has_a_title_of_its_own()
    {
        string[] paths = ["/", "/?page=2", "/articles/" + SampleContent.SeedSlug, "/articles/" + SampleContent.UpdatedSlug, "/rubriques/spatial", "/tags/elon-musk"];
        var titles = new List<string>();
        foreach (var path in paths)
        {
            var (_, page) = await app.GetPageAsync(path);
            titles.Add(page.Title!);
            Assert.False(string.IsNullOrWhiteSpace(Meta(page, "description")), path);
            Assert.Single(page.QuerySelectorAll("link[rel=canonical]"));
        }
        Assert.Equal(titles.Distinct(), titles);
    }

    [Theory]
    [InlineData("/page-qui-n-existe-pas")]
    [InlineData("/articles/" + SampleContent.DraftSlug)]
    public async Task Error_pages_ask_not_to_be_indexed(string path)
    {
        var (_, page) = await app.GetPageAsync(path);

        Assert.Equal("noindex, follow", Meta(page, "robots"));
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
    }
}
