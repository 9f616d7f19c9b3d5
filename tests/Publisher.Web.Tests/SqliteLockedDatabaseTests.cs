using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Importing;

namespace Publisher.Web.Tests;

/// <summary>Another process holding SQLite's write lock for a moment delays a save; it fails nothing, and readers never wait.</summary>
public sealed class SqliteLockedDatabaseTests(SqlitePublisherFactory app) : IClassFixture<SqlitePublisherFactory>
{
    [Fact]
    public async Task A_save_waits_for_the_lock_and_goes_through_while_readers_are_served_at_once()
    {
        await app.GetPageAsync("/rubriques/telecoms"); // warm, so that only the lock could make a reader wait
        await using var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = (SqliteTransaction)await other.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await other.ExecuteAsync("UPDATE site_state SET content_changed_at = content_changed_at", transaction: transaction);

        // Microsoft.Data.Sqlite waits for a lock synchronously, as a request's thread would.
        var save = Task.Run(() => app.Services.GetRequiredService<ImportArticles>().UpsertAsync(
            TestArticles.Input("pendant-le-verrou", "Écrit pendant le verrou", PublisherFactory.Today.AddMinutes(-1)), null, TestContext.Current.CancellationToken));
        // The lock is held until after this page has come back: a reader that needed it could only answer
        // after the busy timeout, with an error, so a 200 here was served without waiting for the writer.
        var (page, _) = await app.GetPageAsync("/rubriques/spatial");
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken); // the other process's moment
        Assert.False(save.IsCompleted, "the save should wait for the lock");
        await transaction.CommitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SaveOutcome.Created, await save);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var (article, _) = await app.GetPageAsync("/articles/pendant-le-verrou");
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }
}
