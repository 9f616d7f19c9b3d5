using System.Net;

namespace Publisher.Web.Tests;

public sealed class SidebarTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    public static TheoryData<string, HttpStatusCode> PublicPages() => new()
    {
        { "/", HttpStatusCode.OK },
        { "/?page=2", HttpStatusCode.OK },
        { "/articles/" + SampleContent.SeedSlug, HttpStatusCode.OK },
        { "/articles/" + SampleContent.Published[3], HttpStatusCode.OK },
        { "/rubriques/spatial", HttpStatusCode.OK },
        { "/tags/elon-musk", HttpStatusCode.OK },
        { "/auteurs/camille-renaud", HttpStatusCode.OK },
        { "/recherche?q=musk", HttpStatusCode.OK },
        { "/recherche", HttpStatusCode.OK },
        { "/page-qui-n-existe-pas", HttpStatusCode.NotFound },
        { "/articles/" + SampleContent.DraftSlug, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_page_shows_the_five_latest_published_articles_but_itself(string path, HttpStatusCode status)
    {
        var (response, page) = await app.GetPageAsync(path);

        Assert.Equal(status, response.StatusCode);
        var expected = SampleContent.Published.Select(slug => "/articles/" + slug).Where(link => link != path).Take(5);
        Assert.Equal(expected, page.Sidebar().LinkTargets());
    }

    [Fact]
    public async Task The_home_page_sidebar_lists_the_newest_articles_in_order()
    {
        var (_, page) = await app.GetPageAsync("/");

        Assert.Equal(SampleContent.Published.Take(5).Select(slug => "/articles/" + slug), page.Sidebar().LinkTargets());
        Assert.Equal("23 novembre 2026", page.Sidebar().QuerySelector("time")!.Text());
    }

    [Fact]
    public async Task An_article_is_never_listed_beside_itself()
    {
        var newest = SampleContent.Published[0];

        var (_, page) = await app.GetPageAsync("/articles/" + newest);

        var links = page.Sidebar().LinkTargets();
        Assert.DoesNotContain("/articles/" + newest, links);
        Assert.Equal(SampleContent.Published.Skip(1).Take(5).Select(slug => "/articles/" + slug), links);
    }
}
