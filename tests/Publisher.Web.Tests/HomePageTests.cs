namespace Publisher.Web.Tests;

public sealed class HomePageTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task Lists_the_ten_latest_published_articles_newest_first()
    {
        var (response, page) = await app.GetPageAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var main = page.QuerySelector("main")!;
        Assert.Equal(SampleContent.Published.Take(10).Select(slug => "/articles/" + slug), main.LinkTargets(".article-list h2 a"));
        var dates = main.QuerySelectorAll(".article-list time").Select(time => DateTimeOffset.Parse(time.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(date => date), dates);
    }

    [Fact]
    public async Task Each_article_shows_its_title_standfirst_section_date_and_picture()
    {
        var (_, page) = await app.GetPageAsync("/");

        var first = page.QuerySelector(".article-list article")!;
        Assert.Equal("Fuite de données : un courtier en assurance santé confirme le vol de 1,2 million de dossiers", first.QuerySelector("h2")!.Text());
        Assert.StartsWith("Noms, adresses", first.QuerySelector(".standfirst")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/rubriques/cybersecurite", first.QuerySelector(".kicker a")!.GetAttribute("href"));
        Assert.Equal("23 novembre 2026", first.QuerySelector("time")!.Text());
        Assert.Equal("2026-11-23T07:55:00+01:00", first.QuerySelector("time")!.GetAttribute("datetime"));
        var image = first.QuerySelector("img")!;
        Assert.False(string.IsNullOrWhiteSpace(image.GetAttribute("alt")));
        Assert.Equal("1200", image.GetAttribute("width"));
    }

    [Fact]
    public async Task Older_articles_are_one_link_away_and_link_back()
    {
        var (_, first) = await app.GetPageAsync("/");
        var older = first.QuerySelector("nav.pagination a[rel=next]")!;
        Assert.Equal("Articles plus anciens →", older.Text());

        var (response, second) = await app.GetPageAsync(older.GetAttribute("href")!);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SampleContent.Published.Skip(10).Select(slug => "/articles/" + slug), second.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
        Assert.Equal("/", second.QuerySelector("nav.pagination a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("nav.pagination a[rel=next]"));
        Assert.Contains("Page 2", second.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?page=3")]
    [InlineData("/?page=0")]
    [InlineData("/?page=-1")]
    [InlineData("/?page=deux")]
    [InlineData("/?page=99999999999")]
    [InlineData("/?page=2147483647")]
    public async Task A_page_out_of_range_is_not_found(string path)
    {
        var (response, page) = await app.GetPageAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page introuvable", page.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task French_is_served_as_utf8_characters_not_entities()
    {
        using var client = app.CreateReader();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Télécoms", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE9;", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_links_every_section_with_published_articles()
    {
        var (_, page) = await app.GetPageAsync("/");

        var sections = page.QuerySelector("header nav[aria-label=Rubriques]")!;
        Assert.Equal(
            ["/rubriques/cybersecurite", "/rubriques/intelligence-artificielle", "/rubriques/reseaux-sociaux", "/rubriques/spatial", "/rubriques/telecoms"],
            sections.LinkTargets());
    }
}
