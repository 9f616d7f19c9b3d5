using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Publisher.Web.Data.Sqlite;

/// <summary>
/// Backups of the SQLite file: <c>VACUUM INTO</c> reads one snapshot while the site goes on serving; a restore
/// swaps the file with every process stopped (<see cref="DatabaseInUse"/>), then migrates an older backup.
/// </summary>
public sealed class SqliteBackups(SqliteDatabase database, DatabaseMigrator migrator, TimeProvider clock) : IDatabaseBackups
{
    private const string CopySql = "VACUUM INTO @Target";

    public async Task<BackupReport> BackupAsync(string target, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            return BackupReport.Failed($"'{target}' exists already: a backup never overwrites a file; choose a new name.");
        }
        if (!File.Exists(database.DatabasePath))
        {
            return BackupReport.Failed($"There is no database at '{database.DatabasePath}' to back up.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await CopyAsync(target, cancellationToken);
        var report = await DatabaseFileReport.ReadAsync(target, cancellationToken);
        if (!report.IsSound)
        {
            File.Delete(target);
            return BackupReport.Failed($"The backup failed its check and was deleted: {report.Problem}");
        }
        return new(true, [$"Backup written to {target}: {report.Articles} articles, schema {report.SchemaVersion}, {new FileInfo(target).Length:N0} bytes, integrity ok."]);
    }

    public async Task<BackupReport> RestoreAsync(string source, CancellationToken cancellationToken)
    {
        var report = await DatabaseFileReport.ReadAsync(source, cancellationToken);
        if (!report.IsSound)
        {
            return BackupReport.Failed($"Nothing was restored: {report.Problem}.");
        }
        var path = database.DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var alone = DatabaseInUse.TryHoldAlone(path);
        if (alone is null)
        {
            return BackupReport.Failed($"Nothing was restored: '{path}' is in use by another process. Stop the site (and any import or backup), then run restore again.");
        }
        string? keptAs = null;
        if (File.Exists(path))
        {
            // A consistent copy of what is replaced, including what still sits in its write-ahead log.
            keptAs = $"{path}.before-restore-{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            await CopyAsync(keptAs, cancellationToken);
        }
        SqliteConnection.ClearAllPools();
        var temporary = $"{path}.{Guid.NewGuid():N}.restoring";
        File.Copy(source, temporary);
        // The old database's log and shared memory would be replayed into the restored file: they go first.
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        File.Move(temporary, path, overwrite: true);
        var migrations = await migrator.MigrateAsync(cancellationToken);
        var lines = new List<string> { $"Restored {source}: {report.Articles} articles, schema {report.SchemaVersion}{(migrations > 0 ? $", brought up to date by {migrations} migration(s)" : "")}." };
        if (keptAs is not null)
        {
            lines.Add($"The database it replaced is kept as {keptAs}.");
        }
        return new(true, lines);
    }

    private async Task CopyAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CopySql, new { Target = target }, cancellationToken: cancellationToken));
    }
}
