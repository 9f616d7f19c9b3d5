using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace Publisher.Web.Tests;

internal static class Crawler
{
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    public static async Task<XDocument> XmlAsync(this PublisherFactory app, string path)
    {
        using var client = app.CreateReader();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return await XDocument.LoadAsync(stream, LoadOptions.None, TestContext.Current.CancellationToken);
    }

    public static async Task<SyndicationFeed> FeedAsync(this PublisherFactory app, string path)
    {
        using var client = app.CreateReader();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream);
        return SyndicationFeed.Load(reader);
    }

    public static IReadOnlyList<string> Locations(this XDocument sitemap) =>
        sitemap.Descendants(Sitemap + "loc").Select(loc => loc.Value).ToList();
}

public sealed class SyndicationTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const string Base = PublisherFactory.BaseUrl;

    [Fact]
    public async Task Robots_txt_allows_the_site_keeps_out_of_the_admin_and_names_the_sitemaps()
    {
        using var client = app.CreateReader();

        var robots = await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        var lines = robots.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains($"Sitemap: {Base}/sitemap.xml", lines);
        Assert.Contains($"Sitemap: {Base}/sitemap-news.xml", lines);
    }

    [Fact]
    public async Task The_sitemap_lists_every_published_page_and_nothing_else()
    {
        var sitemap = await app.XmlAsync("/sitemap.xml");

        Assert.Equal(Crawler.Sitemap + "urlset", sitemap.Root!.Name);
        var locations = sitemap.Locations();
        Assert.Equal(locations.Distinct(), locations);
        Assert.All(locations, location => Assert.StartsWith(Base + "/", location, StringComparison.Ordinal));
        Assert.Contains(Base + "/", locations);
        Assert.Contains(Base + "/rubriques/spatial", locations);
        Assert.Contains(Base + "/tags/elon-musk", locations);
        Assert.Equal(SampleContent.Published.Select(slug => Base + "/articles/" + slug).Order(), locations.Where(location => location.Contains("/articles/", StringComparison.Ordinal)).Order());
        Assert.All(sitemap.Descendants(Crawler.Sitemap + "url"), url => Assert.NotNull(url.Element(Crawler.Sitemap + "lastmod")));
        Assert.Equal("2024-08-12T07:05:00Z", sitemap.Descendants(Crawler.Sitemap + "url").Single(url => url.Element(Crawler.Sitemap + "loc")!.Value.EndsWith(SampleContent.SeedSlug, StringComparison.Ordinal)).Element(Crawler.Sitemap + "lastmod")!.Value);
    }

    [Fact]
    public async Task Every_sitemap_address_answers_200_with_itself_as_canonical()
    {
        var sitemap = await app.XmlAsync("/sitemap.xml");

        foreach (var location in sitemap.Locations())
        {
            var (response, page) = await app.GetPageAsync(PublisherFactory.PathOf(location));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(location, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task The_news_sitemap_lists_the_last_48_hours()
    {
        var news = await app.XmlAsync("/sitemap-news.xml");

        var url = Assert.Single(news.Root!.Elements(Crawler.Sitemap + "url"));
        Assert.Equal(Base + "/articles/fuite-donnees-courtier-sante", url.Element(Crawler.Sitemap + "loc")!.Value);
        var item = url.Element(Crawler.News + "news")!;
        Assert.Equal("Publisher", item.Element(Crawler.News + "publication")!.Element(Crawler.News + "name")!.Value);
        Assert.Equal("fr", item.Element(Crawler.News + "publication")!.Element(Crawler.News + "language")!.Value);
        Assert.Equal("2026-11-23T06:55:00Z", item.Element(Crawler.News + "publication_date")!.Value);
        Assert.StartsWith("Fuite de données", item.Element(Crawler.News + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_feed_has_the_latest_articles_with_their_full_text()
    {
        var feed = await app.FeedAsync("/feed.xml");

        Assert.Equal("Publisher", feed.Title.Text);
        Assert.Equal(SampleContent.Published.Select(slug => new Uri(Base + "/articles/" + slug)), feed.Items.Select(item => item.Links[0].Uri));
        var seed = feed.Items.Single(item => item.Links[0].Uri.AbsolutePath.EndsWith(SampleContent.SeedSlug, StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2024, 8, 12, 7, 5, 0, TimeSpan.Zero), seed.PublishDate);
        Assert.StartsWith("tag:www.publisher.test,2026:article-", seed.Id, StringComparison.Ordinal);
        Assert.Equal(feed.Items.Count(), feed.Items.Select(item => item.Id).Distinct().Count());
        var content = seed.ElementExtensions.ReadElementExtensions<string>("encoded", "http://purl.org/rss/1.0/modules/content/").Single();
        Assert.Contains("L’art de la désinformation", content, StringComparison.Ordinal);
        Assert.Contains($"src=\"{Base}/media/", content, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"/", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rubriques/spatial/feed.xml", "Publisher\u00A0: Spatial", "ariane-64-premier-vol")]
    [InlineData("/tags/elon-musk/feed.xml", "Publisher\u00A0: Elon Musk", SampleContent.SeedSlug)]
    public async Task Sections_and_tags_have_feeds_of_their_own(string path, string title, string slug)
    {
        var feed = await app.FeedAsync(path);

        Assert.Equal(title, feed.Title.Text);
        Assert.Contains(new Uri(Base + "/articles/" + slug), feed.Items.Select(item => item.Links[0].Uri));
        Assert.DoesNotContain(feed.Items, item => SampleContent.Hidden.Any(hidden => item.Links[0].Uri.AbsolutePath.EndsWith(hidden, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_section_has_no_feed()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri("/rubriques/inconnue/feed.xml", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>A site big enough for its sitemap to be split (the threshold is lowered to 5 URLs).</summary>
public sealed class SplitSitemapFactory : PublisherFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Sitemap:MaxUrls"] = "5" };
}

public sealed class SitemapIndexTests(SplitSitemapFactory app) : IClassFixture<SplitSitemapFactory>
{
    [Fact]
    public async Task Past_the_limit_the_sitemap_becomes_an_index_of_monthly_files()
    {
        var index = await app.XmlAsync("/sitemap.xml");

        Assert.Equal(Crawler.Sitemap + "sitemapindex", index.Root!.Name);
        var files = index.Locations();
        Assert.Contains(PublisherFactory.BaseUrl + "/sitemaps/pages.xml", files);
        Assert.Contains(PublisherFactory.BaseUrl + "/sitemaps/articles-2024-08.xml", files);
        var articles = new List<string>();
        foreach (var file in files)
        {
            var child = await app.XmlAsync(PublisherFactory.PathOf(file));
            Assert.Equal(Crawler.Sitemap + "urlset", child.Root!.Name);
            articles.AddRange(child.Locations().Where(location => location.Contains("/articles/", StringComparison.Ordinal)));
        }
        Assert.Equal(SampleContent.Published.Select(slug => PublisherFactory.BaseUrl + "/articles/" + slug).Order(), articles.Order());
    }
}
