using Dapper;
using Microsoft.Data.Sqlite;

namespace Publisher.Web.Data.Sqlite;

/// <summary>What a database file holds, read without changing it: whether it is sound and which schema it has.</summary>
public sealed record DatabaseFileReport(bool IsSound, string? Problem, int SchemaVersion, long Articles)
{
    /// <summary>Opens the file read-only and checks it page by page (<c>PRAGMA integrity_check</c>).</summary>
    public static async Task<DatabaseFileReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new(false, $"'{path}' does not exist", 0, 0);
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var integrity = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: cancellationToken));
            if (integrity != "ok")
            {
                return new(false, $"'{path}' is damaged: {integrity}", 0, 0);
            }
            var hasJournal = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')", cancellationToken: cancellationToken));
            if (!hasJournal)
            {
                return new(false, $"'{path}' is a SQLite database, but not a Publisher one (no schema_migrations table)", 0, 0);
            }
            var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken: cancellationToken));
            var known = DatabaseMigrator.LatestVersion;
            if (version > known)
            {
                return new(false, $"'{path}' was written by a newer Publisher (schema {version}; this build knows up to {known})", version, 0);
            }
            var articles = version == 0 ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM articles", cancellationToken: cancellationToken));
            return new(true, null, version, articles);
        }
        catch (SqliteException e)
        {
            return new(false, $"'{path}' cannot be read as a SQLite database: {e.Message}", 0, 0);
        }
    }
}
