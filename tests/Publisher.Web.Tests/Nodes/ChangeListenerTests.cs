using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dapper;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Data.Postgres;

namespace Publisher.Web.Tests.Nodes;

/// <summary>The app on PostgreSQL whatever the engine under test: what these tests check is PostgreSQL's.</summary>
public sealed class PostgresPublisherFactory() : PublisherFactory(DatabaseEngine.Postgres);

/// <summary>
/// Another node's notice arrives through PostgreSQL's NOTIFY, sent here from the test's own connection as
/// another node's commit would send it; and when the listening connection drops, the node drops its pages
/// (what changed meanwhile went unheard) and listens again.
/// </summary>
public sealed class ChangeListenerTests(PostgresPublisherFactory app) : IClassFixture<PostgresPublisherFactory>
{
    private const string Path = "/articles/" + SampleContent.SeedSlug;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> TitleAsync()
    {
        var (_, page) = await app.GetPageAsync(Path);
        return page.QuerySelector("h1")!.TextContent;
    }

    private async Task RetitleBehindTheAppsBackAsync(string title)
    {
        await TitleAsync();
        await using var connection = app.Database.Open();
        await connection.ExecuteAsync("UPDATE articles SET title = @Title WHERE slug = @Slug", new { Title = title, Slug = SampleContent.SeedSlug });
        Assert.NotEqual(title, await TitleAsync());
    }

    private async Task<bool> ShowsWithinAsync(string title, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (await TitleAsync() != title)
        {
            if (waited.Elapsed > limit)
            {
                return false;
            }
            await Task.Delay(20, Token);
        }
        return true;
    }

    private async Task NotifyAsOtherNodeAsync()
    {
        await using var connection = app.Database.Open();
        var notice = string.Create(CultureInfo.InvariantCulture, $"autre-noeud {(int)ContentReach.EveryPage} - {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        await connection.ExecuteAsync($"SELECT pg_notify('{PostgresNotices.Channel}', @Notice)", new { Notice = notice });
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = app.CreateReader();
        var waited = Stopwatch.StartNew();
        while ((await client.GetAsync("/readyz", Token)).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the node never listened again");
            await Task.Delay(20, Token);
        }
    }

    [Fact]
    public async Task Another_nodes_notice_refreshes_this_nodes_pages()
    {
        await WaitUntilListeningAsync();
        await RetitleBehindTheAppsBackAsync("Retitré sur un autre nœud");

        await NotifyAsOtherNodeAsync();

        Assert.True(await ShowsWithinAsync("Retitré sur un autre nœud", TimeSpan.FromSeconds(1)), "the notice did not reach the page cache");
    }

    [Fact]
    public async Task A_node_that_loses_its_listening_connection_drops_its_pages_and_listens_again()
    {
        await WaitUntilListeningAsync();
        await RetitleBehindTheAppsBackAsync("Retitré pendant la coupure");

        await using (var connection = app.Database.Open())
        {
            var ended = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @Name) AS ended",
                new { Name = PostgresNotices.ApplicationName });
            Assert.Equal(1, ended);
        }

        Assert.True(await ShowsWithinAsync("Retitré pendant la coupure", TimeSpan.FromSeconds(5)), "the pages kept while deaf were not dropped");
        await WaitUntilListeningAsync();
        await RetitleBehindTheAppsBackAsync("Retitré après le retour");
        await NotifyAsOtherNodeAsync();
        Assert.True(await ShowsWithinAsync("Retitré après le retour", TimeSpan.FromSeconds(1)), "the node did not listen again");
    }
}
