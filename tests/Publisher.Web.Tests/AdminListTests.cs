using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Core.Text;
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
        // Imported last is changed last, and listed first.
        for (var i = 24; i >= 0; i--)
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

    [Fact]
    public async Task Modified_is_the_last_edit_and_the_list_is_sorted_by_it()
    {
        var import = app.Services.GetRequiredService<ImportArticles>();
        var cancellationToken = TestContext.Current.CancellationToken;
        var now = app.Clock.GetUtcNow();
        await import.UpsertAsync(TestArticles.Input("modifie-ancien", "Un ancien article retouché", now.AddDays(-30), section: "Modifiés"), null, cancellationToken);
        await import.UpsertAsync(TestArticles.Input("modifie-programme", "Un article programmé", now.AddDays(7), ArticleStatus.Scheduled, section: "Modifiés"), null, cancellationToken);
        await import.UpsertAsync(TestArticles.Input("modifie-recent", "Un article récent", now.AddHours(-1), section: "Modifiés"), null, cancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(17));
        await import.UpsertAsync(TestArticles.Input("modifie-ancien", "Un ancien article retouché deux fois", now.AddDays(-30), section: "Modifiés"), null, cancellationToken);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        var (_, list) = await session.GetAsync("/admin?rubrique=modifies");

        var rows = list.QuerySelectorAll(".admin-table tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(["Un ancien article retouché deux fois", "Un article récent", "Un article programmé"], rows.Select(row => row[0]));
        Assert.Equal(Html.Normalize(FrenchDates.DateAndTime(now.AddMinutes(17))), rows[0][4]);
        Assert.Equal(Html.Normalize(FrenchDates.DateAndTime(now)), rows[2][4]);
    }
}
