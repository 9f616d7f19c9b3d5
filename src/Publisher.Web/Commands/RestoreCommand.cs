using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Publisher.Web.Data;
using Publisher.Web.Operations;

namespace Publisher.Web.Commands;

/// <summary>
/// <c>restore &lt;file&gt;</c>: puts a backup back in place of the database, with the site stopped. The backup is
/// checked first (nothing is touched if it is not a sound Publisher database of this version or older); the
/// database it replaces is kept beside it; an older backup is then migrated to this version.
/// </summary>
public sealed class RestoreCommand(SqliteConnectionFactory connections, DatabaseMigrator migrator, TimeProvider clock)
{
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (arguments.Count != 1)
        {
            await errors.WriteLineAsync("Usage: dotnet run --project src/Publisher.Web -- restore <file>   (stop the site first)");
            return 2;
        }
        var source = Path.GetFullPath(arguments[0]);
        var report = await DatabaseFileReport.ReadAsync(source, cancellationToken);
        if (!report.IsSound)
        {
            await errors.WriteLineAsync($"Nothing was restored: {report.Problem}.");
            return 1;
        }
        var database = connections.DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using var alone = DatabaseInUse.TryHoldAlone(database);
        if (alone is null)
        {
            await errors.WriteLineAsync($"Nothing was restored: '{database}' is in use by another process. Stop the site (and any import or backup), then run restore again.");
            return 1;
        }
        string? keptAs = null;
        if (File.Exists(database))
        {
            // A consistent copy of what is replaced, including what still sits in its write-ahead log.
            keptAs = $"{database}.before-restore-{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @Target", new { Target = keptAs }, cancellationToken: cancellationToken));
        }
        SqliteConnection.ClearAllPools();
        var temporary = $"{database}.{Guid.NewGuid():N}.restoring";
        File.Copy(source, temporary);
        // The old database's log and shared memory would be replayed into the restored file: they go first.
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        File.Move(temporary, database, overwrite: true);
        var migrations = await migrator.MigrateAsync(cancellationToken);
        await output.WriteLineAsync($"Restored {source}: {report.Articles} articles, schema {report.SchemaVersion}{(migrations > 0 ? $", brought up to date by {migrations} migration(s)" : "")}.");
        if (keptAs is not null)
        {
            await output.WriteLineAsync($"The database it replaced is kept as {keptAs}.");
        }
        return 0;
    }
}
