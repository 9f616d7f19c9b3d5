using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Importing;

namespace Publisher.Web.Tests;

/// <summary>
/// With the page cache off, the header and « Les derniers articles » are kept rendered between pages: they
/// must follow every change all the same, and each page must get its own variant. (Whether they are kept at
/// all is for the benchmark to see: these tests pass without the keeping.)
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
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(article, null, token);

        var (_, after) = await app.GetPageAsync(OlderArticle);
        Assert.Contains("/rubriques/robotique", after.QuerySelector("header nav")!.LinkTargets());
        Assert.Equal("/articles/un-robot-livreur", after.Sidebar().LinkTargets()[0]);
        var (_, itself) = await app.GetPageAsync("/articles/un-robot-livreur");
        Assert.DoesNotContain("/articles/un-robot-livreur", itself.Sidebar().LinkTargets());
        Assert.Equal(5, itself.Sidebar().LinkTargets().Count);
        var secondNewest = after.Sidebar().LinkTargets()[1];
        var (_, second) = await app.GetPageAsync(secondNewest);
        Assert.Equal("/articles/un-robot-livreur", second.Sidebar().LinkTargets()[0]);
        Assert.DoesNotContain(secondNewest, second.Sidebar().LinkTargets());
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
