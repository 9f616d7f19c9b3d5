using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Content;

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

/// <summary>
/// With the page cache off, the header and « Les derniers articles » are kept rendered between pages: they
/// must follow every change all the same, and each page must get its own variant.
/// </summary>
public sealed class LayoutFragmentTests(PageCacheOffTests.Factory app) : IClassFixture<PageCacheOffTests.Factory>
{
    private const string OlderArticle = "/articles/ariane-64-premier-vol";

    [Fact]
    public async Task A_new_article_shows_in_the_header_and_the_sidebar_of_pages_already_rendered()
    {
        var token = TestContext.Current.CancellationToken;
        var (_, before) = await app.GetPageAsync(OlderArticle);
        Assert.DoesNotContain("/rubriques/robotique", before.QuerySelector("header nav")!.LinkTargets());

        var article = TestArticles.Input("un-robot-livreur", "Un robot livreur à Lyon", app.Clock.GetUtcNow().AddMinutes(-1), section: "Robotique");
        await app.Services.GetRequiredService<ArticleStore>().UpsertAsync(article, null, token);

        var (_, after) = await app.GetPageAsync(OlderArticle);
        Assert.Contains("/rubriques/robotique", after.QuerySelector("header nav")!.LinkTargets());
        Assert.Equal("/articles/un-robot-livreur", after.Sidebar().LinkTargets()[0]);
        var (_, itself) = await app.GetPageAsync("/articles/un-robot-livreur");
        Assert.DoesNotContain("/articles/un-robot-livreur", itself.Sidebar().LinkTargets());
        Assert.Equal(5, itself.Sidebar().LinkTargets().Count);
    }

    [Fact]
    public async Task Only_a_section_s_own_page_marks_it_as_current_in_the_header()
    {
        var (_, section) = await app.GetPageAsync("/rubriques/spatial");
        var (_, home) = await app.GetPageAsync("/");
        var (_, article) = await app.GetPageAsync(OlderArticle);

        Assert.Equal(["/rubriques/spatial"], section.QuerySelector("header nav")!.LinkTargets("a[aria-current=page]"));
        Assert.Empty(home.QuerySelector("header nav")!.LinkTargets("a[aria-current]"));
        Assert.Empty(article.QuerySelector("header nav")!.LinkTargets("a[aria-current]"));
    }
}
