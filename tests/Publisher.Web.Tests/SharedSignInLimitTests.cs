using System.Net;
using Dapper;

namespace Publisher.Web.Tests;

/// <summary>Several nodes on one database: the sign-in attempts a client may make in a minute are counted for the site, not per node.</summary>
public sealed class SharedSignInLimitTests : IDisposable
{
    private const int Limit = 3;

    private static readonly Dictionary<string, string?> LimitSetting = new() { ["Admin:SignInAttemptsPerMinute"] = "3" };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "publisher-tests", Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _database;

    public SharedSignInLimitTests() => _database = new TestDatabase(_folder);

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Attempts_spread_over_two_nodes_share_one_limit_per_minute()
    {
        using var first = new SiteNode(_database, settings: LimitSetting);
        using var second = new SiteNode(_database, settings: LimitSetting);
        using var onFirst = AdminSession.Open(first);
        using var onSecond = AdminSession.Open(second);
        AdminSession Node(int attempt) => attempt % 2 == 0 ? onFirst : onSecond;

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Node(i).SignInAsync("personne@publisher.test", "essai " + i)).Response.StatusCode);
        }
        var (refused, page) = await Node(Limit).SignInAsync("personne@publisher.test", "encore");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Trop de tentatives", page.QuerySelector("h1")!.TextContent);

        // The next minute (on the site's clock) the client may try again; a minute later still, the refused
        // minute's count is gone (kept that long for nodes whose clocks differ by a few seconds).
        first.Clock.Advance(TimeSpan.FromMinutes(1));
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await onFirst.SignInAsync("personne@publisher.test", "plus tard")).Response.StatusCode);
        first.Clock.Advance(TimeSpan.FromMinutes(1));
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        // On the other node: each node also keeps the limit in memory, by the real clock, which did not move.
        Assert.Equal(HttpStatusCode.OK, (await onSecond.SignInAsync("personne@publisher.test", "encore plus tard")).Response.StatusCode);
        await using var connection = _database.Open();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT MAX(attempts) FROM sign_in_attempts"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sign_in_attempts"));
    }
}
