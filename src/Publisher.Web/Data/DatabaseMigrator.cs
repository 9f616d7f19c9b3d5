using System.Globalization;
using System.Reflection;
using Dapper;

namespace Publisher.Web.Data;

/// <summary>
/// Applies the embedded <c>Data/Migrations/{Sqlite,Postgres}/NNNN_name.sql</c> scripts of the running engine in
/// order, each in its own write transaction and recorded in <c>schema_migrations</c>. The write transaction holds
/// the engine's single-writer lock (across every node on PostgreSQL) and the journal is read again under it, so
/// running it again, or from several processes starting together, applies each migration once.
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

    private static readonly IReadOnlyList<Migration> SqliteMigrations = LoadEmbedded("Sqlite");

    private static readonly IReadOnlyList<Migration> PostgresMigrations = LoadEmbedded("Postgres");

    /// <summary>The migrations of one engine; both folders hold the same versions (MigrationFoldersTests).</summary>
    public static IReadOnlyList<Migration> EmbeddedFor(DatabaseEngine engine) => engine == DatabaseEngine.Postgres ? PostgresMigrations : SqliteMigrations;

    /// <summary>The schema this build brings: its last migration's version.</summary>
    public static int LatestVersion { get; } = SqliteMigrations.Max(migration => migration.Version);

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
        foreach (var migration in EmbeddedFor(database.Engine))
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

    private static List<Migration> LoadEmbedded(string folder)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = $"Publisher.Web.Data.Migrations.{folder}.";
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
