using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>The newsroom's list of articles, on a site of its own with more than one page of them.</summary>
public sealed class AdminListTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    [Fact]
    public async Task Older_articles_are_on_the_next_page_with_the_filters_kept()
    {
        var import = app.Services.GetRequiredService<ImportArticles>();
        for (var i = 0; i < 25; i++)
        {
            await import.UpsertAsync(TestArticles.Input($"liste-{i}", $"Article de la liste {i}", PublisherFactory.Today.AddHours(-i)), null, TestContext.Current.CancellationToken);
        }
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        var (_, first) = await session.GetAsync("/admin?rubrique=spatial");
        var next = first.QuerySelector(".pagination a[rel='next']")!.GetAttribute("href")!;
        var (response, second) = await session.GetAsync(next);

        Assert.Equal("/admin?rubrique=spatial&page=2", next);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, first.QuerySelectorAll(".admin-table tbody tr").Length);
        Assert.Equal(
            Enumerable.Range(20, 5).Select(i => $"Article de la liste {i}"),
            second.QuerySelectorAll(".admin-table tbody tr").Select(row => row.QuerySelector("td")!.Text()));
        Assert.Equal("/admin?rubrique=spatial", second.QuerySelector(".pagination a[rel='prev']")!.GetAttribute("href"));
    }
}
