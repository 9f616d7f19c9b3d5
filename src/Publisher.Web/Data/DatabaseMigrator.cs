using System.Globalization;
using System.Reflection;
using Dapper;

namespace Publisher.Web.Data;

/// <summary>
/// Applies the embedded <c>Data/Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction
/// and recorded in <c>schema_migrations</c>, so running it again (or from two processes) is harmless.
/// </summary>
public sealed partial class DatabaseMigrator(IDatabase database, TimeProvider clock, ILogger<DatabaseMigrator> logger)
{
    private const string CreateJournalSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    private const string IsAppliedSql = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

    private const string RecordSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    private const string SchemaVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>The schema this build brings: its last migration's version.</summary>
    public static int LatestVersion { get; } = Embedded.Max(migration => migration.Version);

    /// <summary>The last migration applied to the database (0 for none).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(SchemaVersionSql, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the database if needed, then applies what is missing; returns how many ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        await using (var journal = await database.BeginWriteAsync(cancellationToken))
        {
            await journal.ExecuteAsync(CreateJournalSql, null, cancellationToken);
            await journal.CommitAsync(cancellationToken);
        }
        var applied = 0;
        foreach (var migration in Embedded)
        {
            // Checked again under the write lock: another process may have applied it since this one started.
            await using var transaction = await database.BeginWriteAsync(cancellationToken);
            if (await transaction.ScalarAsync<long>(IsAppliedSql, new { migration.Version }, cancellationToken) > 0)
            {
                continue;
            }
            await transaction.ExecuteAsync(migration.Sql, null, cancellationToken);
            await transaction.ExecuteAsync(RecordSql, new { migration.Version, migration.Name, AppliedAt = DateTimeOffsetHandler.ToText(clock.GetUtcNow()) }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
            applied++;
        }
        return applied;
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        const string prefix = "Publisher.Web.Data.Migrations.Sqlite.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => ToMigration(assembly, name, name[prefix.Length..^4]))
            .OrderBy(migration => migration.Version)
            .ToList();
    }

    private static Migration ToMigration(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var version = int.Parse(fileName.AsSpan(0, fileName.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        return new Migration(version, fileName, reader.ReadToEnd());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
