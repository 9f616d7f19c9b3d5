using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Caching;

namespace Publisher.Web.Tests;

/// <summary>
/// Another node's change reaches this node's caches as a notice (on PostgreSQL, LISTEN/NOTIFY carries it:
/// Nodes/ tests that path end to end). Here the notice is handed to the app as its listener would.
/// The article's title is changed behind the app's back, as another node's save would: the page keeps the
/// old title until a notice says otherwise.
/// </summary>
public sealed class ChangeNoticeTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const string Path = "/articles/" + SampleContent.SeedSlug;

    private ArticleChanges Changes => app.Services.GetRequiredService<ArticleChanges>();

    private async Task<string> TitleAsync()
    {
        var (_, page) = await app.GetPageAsync(Path);
        return page.QuerySelector("h1")!.TextContent;
    }

    private async Task<string> RetitleBehindTheAppsBackAsync(string title)
    {
        // Once ready, the node listens: its first listen drops what was kept before, and would drop this page.
        using (var client = app.CreateReader())
        {
            await AppProcess.WaitUntilReadyAsync(client);
        }
        await TitleAsync();
        await using var connection = app.Database.Open();
        await connection.ExecuteAsync("UPDATE articles SET title = @Title WHERE slug = @Slug", new { Title = title, Slug = SampleContent.SeedSlug });
        Assert.NotEqual(title, await TitleAsync());
        return title;
    }

    private static string Notice(string origin, int reach, string articleId) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin} {reach} {articleId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");

    [Fact]
    public async Task Another_nodes_edit_of_an_article_refreshes_its_page_here()
    {
        var title = await RetitleBehindTheAppsBackAsync("Retitré sur un autre nœud");
        var id = await app.ArticleIdAsync(SampleContent.SeedSlug);

        await Changes.ReceiveAsync(Notice("autre-noeud", (int)ContentReach.Listed, id.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(title, await TitleAsync());
        Assert.NotNull(Changes.NoticeLag);
    }

    [Fact]
    public async Task A_notice_this_build_cannot_read_drops_every_page()
    {
        var title = await RetitleBehindTheAppsBackAsync("Retitré par une version plus récente");

        await Changes.ReceiveAsync("v2 {\"reach\":\"everything\"}");

        Assert.Equal(title, await TitleAsync());
    }

    [Fact]
    public async Task Notices_missed_while_not_listening_drop_every_page()
    {
        var title = await RetitleBehindTheAppsBackAsync("Retitré pendant une coupure");

        await Changes.NoticesMissedAsync();

        Assert.Equal(title, await TitleAsync());
    }

    [Fact]
    public async Task Readiness_says_whether_the_node_hears_the_others()
    {
        using var client = app.CreateReader();
        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("notices: ", body, StringComparison.Ordinal);
    }
}
