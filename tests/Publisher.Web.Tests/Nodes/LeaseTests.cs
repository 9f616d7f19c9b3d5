using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Publisher.Web.Data;

namespace Publisher.Web.Tests.Nodes;

/// <summary>
/// Two nodes on one PostgreSQL database, as the data layer sees them: a lease is held by one at a time, the
/// other waits and gets it as soon as the holder lets go or its session ends (a node that died). The start-up
/// lease, which the app lets go once started (its scheduler holds the other for as long as it runs).
/// </summary>
public sealed class LeaseTests(PostgresPublisherFactory app) : IClassFixture<PostgresPublisherFactory>, IAsyncDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string StartupLease = "Publisher: Startup lease";

    private readonly List<IDatabase> _nodes = [];

    private IDatabase Node()
    {
        var node = DataServices.Create(DatabaseEngine.Postgres, app.Database.ConnectionString, app.Services.GetRequiredService<IHostEnvironment>());
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task One_node_holds_the_startup_lease_and_the_other_gets_it_when_it_lets_go()
    {
        var one = Node();
        var other = Node();
        await using var held = await one.TryTakeLeaseAsync(DatabaseLease.Startup, Token);
        Assert.NotNull(held);
        Assert.Null(await other.TryTakeLeaseAsync(DatabaseLease.Startup, Token));

        var waiting = other.TakeLeaseAsync(DatabaseLease.Startup, Token);
        await WaitUntilQueuedAsync();
        Assert.False(waiting.IsCompleted, "the lease was handed to a second node while held");
        await held.DisposeAsync();
        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Token);
        Assert.True(await taken.IsHeldAsync(Token));
    }

    [Fact]
    public async Task When_the_holders_session_ends_it_knows_and_a_waiting_node_takes_over_at_once()
    {
        var one = Node();
        var other = Node();
        await using var held = await one.TakeLeaseAsync(DatabaseLease.Startup, Token);
        var waiting = other.TakeLeaseAsync(DatabaseLease.Startup, Token);
        // Wait until the second node is queued on the lock, so that only its session is left when the first ends.
        await WaitUntilQueuedAsync();
        await using (var connection = app.Database.Open())
        {
            var ended = Stopwatch.StartNew();
            await connection.ExecuteAsync(
                "SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = @Name AND a.datname = current_database()",
                new { Name = StartupLease });
            await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(1), Token);
            Assert.True(ended.Elapsed < TimeSpan.FromSeconds(1));
            Assert.True(await taken.IsHeldAsync(Token));
        }
        Assert.False(await held.IsHeldAsync(Token));
    }

    // The second node's wait, as PostgreSQL shows it: an advisory lock asked for and not granted.
    private async Task WaitUntilQueuedAsync()
    {
        await using var connection = app.Database.Open();
        var queued = Stopwatch.StartNew();
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = @Name", new { Name = StartupLease }) == 0)
        {
            Assert.True(queued.Elapsed < TimeSpan.FromSeconds(5), "the second node never waited for the lease");
            await Task.Delay(20, Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
