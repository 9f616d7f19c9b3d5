using System.Net;
using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Tests;

/// <summary>Health checks for load balancers, and the migrate command, on the engine under test.</summary>
public sealed class OperationsTests : IAsyncDisposable
{
    private readonly PublisherFactory _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = _app.Database.Open();
        await connection.ExecuteAsync(sql);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_200_without_being_cached()
    {
        using var client = _app.CreateReader();

        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("Healthy (database: schema version", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(ready.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_misses_a_migration_of_this_build()
    {
        using var client = _app.CreateReader();
        await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        await ExecuteAsync("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)");

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("this build expects", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task The_migrate_command_brings_a_database_to_this_build_s_schema_without_serving()
    {
        var folder = Path.Combine(_app.DataFolder, "migration");
        using var target = new TestDatabase(folder, empty: true);
        string[] settings = [.. AppProcess.Settings(folder)[..^1], .. target.Arguments];
        var database = target.Engine == DatabaseEngine.Sqlite ? target.FilePath : "PostgreSQL database";

        var first = await AppProcess.RunAsync(["migrate", .. settings]);
        var second = await AppProcess.RunAsync(["migrate", .. settings]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"{database}", first.Output, StringComparison.Ordinal);
        Assert.Contains($" is at schema {DatabaseMigrator.LatestVersion}: {DatabaseMigrator.EmbeddedFor(target.Engine).Count} migration(s) applied in ", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($" is already at schema {DatabaseMigrator.LatestVersion}.", second.Output, StringComparison.Ordinal);
        await using (var connection = target.Open())
        {
            Assert.Equal(DatabaseMigrator.LatestVersion, await connection.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles"));
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, 'future', '2027-01-01T00:00:00Z')", new { Version = DatabaseMigrator.LatestVersion + 1 });
        }

        var newer = await AppProcess.RunAsync(["migrate", .. settings]);

        Assert.Equal(1, newer.ExitCode);
        Assert.Contains($"newer than this build's {DatabaseMigrator.LatestVersion}", newer.Output, StringComparison.Ordinal);
    }

}
