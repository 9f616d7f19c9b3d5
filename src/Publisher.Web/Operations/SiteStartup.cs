using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Operations;

/// <summary>
/// What a node does before it serves: migrate the schema, build the search index if it is missing, import the
/// first content. Under the start-up lease, so that when several nodes start together one does it and the
/// others wait, then find it done.
/// </summary>
public sealed partial class SiteStartup(IDatabase database, DatabaseMigrator migrator, SearchIndex search, FirstRunImport firstRun, ILogger<SiteStartup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = await database.TryTakeLeaseAsync(DatabaseLease.Startup, cancellationToken);
        if (lease is null)
        {
            LogWaiting(logger);
            lease = await database.TakeLeaseAsync(DatabaseLease.Startup, cancellationToken);
        }
        await using (lease)
        {
            await migrator.MigrateAsync(cancellationToken);
            await search.EnsureBuiltAsync(cancellationToken);
            await firstRun.RunAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node is starting up (migrations, search index, first import): waiting for it")]
    private static partial void LogWaiting(ILogger logger);
}
