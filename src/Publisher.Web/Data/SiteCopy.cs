using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Publisher.Web.Data.Sqlite;

namespace Publisher.Web.Data;

/// <summary>One table as copy-to moved it: its rows, and the checksum both sides agreed on.</summary>
public sealed record TableCopyReport(string Table, long Rows, string Checksum);

/// <summary>What copy-to did: every table copied and verified, or the one sentence that says why nothing was.</summary>
public sealed record SiteCopyReport(string? Refusal, int SchemaVersion, IReadOnlyList<TableCopyReport> Tables)
{
    public bool Succeeded => Refusal is null;

    public static SiteCopyReport Refused(string line) => new($"Nothing was copied: {line}{(line.EndsWith('.') || line.EndsWith('?') ? "" : ".")}", 0, []);
}

/// <summary>
/// Copies a whole site from one database into another, empty one, possibly of the other engine: every table in
/// foreign-key order, read from one snapshot of the source and written in one write transaction of the target,
/// then read back inside that transaction and compared row for row (count and SHA-256) before it commits. A
/// refusal or a failure at any step leaves the target without data. Column lists come from each engine's
/// catalog, so a new column needs nothing here; a new table needs its place in <see cref="TableOrder"/>.
/// The search index is not copied: it is derived from the articles, and the caller rebuilds it on the target.
/// </summary>
public sealed class SiteCopy(IDatabase source, IDatabase target, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>Every table copied, each after those its foreign keys point to (CopyToTests checks both).</summary>
    public static readonly IReadOnlyList<string> TableOrder =
    [
        "sections",
        "authors",
        "tags",
        "users",
        "articles",
        "article_tags",
        "article_redirects",
        "article_revisions",
        "article_corrections",
        "pictures",
        "article_pictures",
        "working_copies",
        "preview_links",
        "audit_log",
        "admin_sessions",
        "sign_in_failures",
        "sign_in_attempts",
        "data_protection_keys",
        "site_state",
    ];

    /// <summary>The tables left out: the target's own migration journal, and the search index, rebuilt there from the articles.</summary>
    public static readonly IReadOnlyList<string> NotCopied = ["schema_migrations", "article_search"];

    // Filled without the operator (site_state's one row by a migration, the data-protection keys by a first
    // start of a site on the target): not counted when the target must be empty, and replaced by the source's
    // rows, whose keys sign the copied sessions' cookies.
    private static readonly string[] FilledWithoutTheOperator = ["site_state", "data_protection_keys"];

    // Each side's catalog: tables, columns in order, primary key positions. On SQLite the full-text index is a
    // virtual table, listed, and its shadow tables are not.
    private static readonly EngineSql CatalogSql = new(
        Sqlite: """
            SELECT t.name AS TableName, c.name AS ColumnName, lower(c.type) AS Type, c.pk AS KeyPosition, 0 AS IsIdentity
            FROM pragma_table_list AS t
            JOIN pragma_table_info(t.name) AS c
            WHERE t.schema = 'main' AND t.type IN ('table', 'virtual') AND t.name NOT LIKE 'sqlite!_%' ESCAPE '!'
            ORDER BY t.name, c.cid
            """,
        Postgres: """
            SELECT c.table_name::text AS TableName, c.column_name::text AS ColumnName, c.data_type::text AS Type,
                   COALESCE(k.ordinal_position, 0)::bigint AS KeyPosition,
                   (CASE WHEN c.is_identity = 'YES' THEN 1 ELSE 0 END)::bigint AS IsIdentity
            FROM information_schema.columns AS c
            JOIN information_schema.tables AS t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            LEFT JOIN information_schema.table_constraints AS p
              ON p.table_schema = c.table_schema AND p.table_name = c.table_name AND p.constraint_type = 'PRIMARY KEY'
            LEFT JOIN information_schema.key_column_usage AS k
              ON k.constraint_schema = p.constraint_schema AND k.constraint_name = p.constraint_name
             AND k.table_name = c.table_name AND k.column_name = c.column_name
            WHERE c.table_schema = current_schema()
            ORDER BY c.table_name, c.ordinal_position
            """);

    private const string SchemaVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

    /// <summary>Copies, verifies, commits; the report says what was done or why nothing was.</summary>
    public async Task<SiteCopyReport> CopyAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(source.Location, target.Location, StringComparison.Ordinal))
        {
            return SiteCopyReport.Refused($"the target is the site's own database ({source.Location}).");
        }
        if (source is SqliteDatabase { DatabasePath: var path } && !File.Exists(path))
        {
            return SiteCopyReport.Refused($"there is no database at '{path}' to copy.");
        }
        await using var reading = await source.OpenAsync(cancellationToken);
        // One snapshot for every table, so that rows written by the site meanwhile cannot break a foreign key.
        await using var snapshot = reading is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
            : await reading.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var sourceTables = ToTables(await reading.QueryAsync<CatalogRow>(new CommandDefinition(source.Text(CatalogSql), transaction: snapshot, cancellationToken: cancellationToken)));
        if (!sourceTables.ContainsKey("schema_migrations"))
        {
            return SiteCopyReport.Refused($"{source.Location} is not a Publisher database (it has no schema_migrations table).");
        }
        var version = await reading.ExecuteScalarAsync<int>(new CommandDefinition(SchemaVersionSql, transaction: snapshot, cancellationToken: cancellationToken));
        if (version < DatabaseMigrator.LatestVersion)
        {
            return SiteCopyReport.Refused($"{source.Location} is at schema {version}, older than this build's {DatabaseMigrator.LatestVersion}: run migrate first.");
        }
        if (version > DatabaseMigrator.LatestVersion)
        {
            return SiteCopyReport.Refused($"{source.Location} is at schema {version}, newer than this build's {DatabaseMigrator.LatestVersion}: run the newer build.");
        }
        if (sourceTables.Keys.FirstOrDefault(name => !TableOrder.Contains(name) && !NotCopied.Contains(name)) is { } unknown)
        {
            return SiteCopyReport.Refused($"{source.Location} has a table '{unknown}' that this build's copy-to does not know.");
        }
        if (TableOrder.FirstOrDefault(name => !sourceTables.ContainsKey(name)) is { } missing)
        {
            return SiteCopyReport.Refused($"{source.Location} has no table '{missing}', which schema {version} has.");
        }
        try
        {
            return await CopyIntoTargetAsync(reading, snapshot, sourceTables, version, cancellationToken);
        }
        catch (Exception e) when (target.ExplainStartupFailure(e) is { } reason)
        {
            return SiteCopyReport.Refused(reason);
        }
    }

    private async Task<SiteCopyReport> CopyIntoTargetAsync(DbConnection reading, DbTransaction snapshot, Dictionary<string, Table> sourceTables, int version, CancellationToken cancellationToken)
    {
        using var inUse = target.HoldInUse();
        await target.PrepareAsync(cancellationToken);
        // Checked before migrating too, so that a live database at an older schema is not migrated by a copy it refuses.
        await using (var probe = await target.OpenAsync(cancellationToken))
        {
            var existing = ToTables(await probe.QueryAsync<CatalogRow>(new CommandDefinition(target.Text(CatalogSql), cancellationToken: cancellationToken)));
            foreach (var name in TableOrder.Where(existing.ContainsKey).Except(FilledWithoutTheOperator))
            {
                if (await probe.ExecuteScalarAsync<long>(new CommandDefinition(HasRowsSql(name), cancellationToken: cancellationToken)) > 0)
                {
                    return NotEmpty(name);
                }
            }
        }
        var migrator = new DatabaseMigrator(target, clock, loggers.CreateLogger<DatabaseMigrator>());
        await migrator.MigrateAsync(cancellationToken);
        var targetVersion = await migrator.SchemaVersionAsync(cancellationToken);
        if (targetVersion != version)
        {
            return SiteCopyReport.Refused($"{target.Location} is at schema {targetVersion}, not {version}: copy-to writes only into a database of this build's schema.");
        }

        await using var write = await target.BeginWriteAsync(cancellationToken);
        var targetTables = ToTables(await write.QueryAsync<CatalogRow>(CatalogSql, null, cancellationToken));
        foreach (var name in TableOrder)
        {
            if (!targetTables.TryGetValue(name, out var written) || !written.Columns.Select(c => c.Name).Order(StringComparer.Ordinal).SequenceEqual(sourceTables[name].Columns.Select(c => c.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                return SiteCopyReport.Refused($"the table '{name}' of {target.Location} does not have the columns of the source's, though both are at schema {version}.");
            }
            if (!FilledWithoutTheOperator.Contains(name) && await write.ScalarAsync<long>(HasRowsSql(name), null, cancellationToken) > 0)
            {
                return NotEmpty(name);
            }
        }

        var copied = new List<TableCopyReport>();
        foreach (var name in TableOrder)
        {
            try
            {
                copied.Add(await CopyTableAsync(reading, snapshot, write, sourceTables[name], targetTables[name], cancellationToken));
            }
            catch (DbException e)
            {
                return SiteCopyReport.Refused($"copying the table '{name}' into {target.Location} failed ({e.Message}); the target was left without data.");
            }
        }
        if (target.Engine == DatabaseEngine.Postgres)
        {
            await MoveIdentitiesPastCopiedIdsAsync(write, targetTables.Values, cancellationToken);
        }
        foreach (var table in copied)
        {
            var (rows, checksum) = await ReadBackAsync(write, sourceTables[table.Table], targetTables[table.Table], cancellationToken);
            if (rows != table.Rows || !string.Equals(checksum, table.Checksum, StringComparison.Ordinal))
            {
                return SiteCopyReport.Refused($"the table '{table.Table}' differs once written ({table.Rows} rows read, checksum {table.Checksum[..12]}; {rows} rows written, checksum {checksum[..12]}); the target was left without data.");
            }
        }
        await write.CommitAsync(cancellationToken);
        return new SiteCopyReport(null, version, copied);
    }

    private SiteCopyReport NotEmpty(string table) =>
        SiteCopyReport.Refused($"{target.Location} is not empty (its table '{table}' has rows): copy-to writes only into an empty database.");

    private static string HasRowsSql(string table) => $"SELECT COUNT(*) FROM (SELECT 1 FROM {Quote(table)} LIMIT 1) AS probe";

    private async Task<TableCopyReport> CopyTableAsync(DbConnection reading, DbTransaction snapshot, WriteTransaction write, Table from, Table into, CancellationToken cancellationToken)
    {
        if (FilledWithoutTheOperator.Contains(from.Name))
        {
            await write.ExecuteAsync($"DELETE FROM {Quote(from.Name)}", null, cancellationToken);
        }
        var columns = from.Columns.Select(c => c.Name).ToArray();
        var rowsPerBatch = Math.Clamp(ParameterBudget(target.Engine) / columns.Length, 1, 500);
        using var checksum = new TableChecksum();
        var batch = new List<object[]>(rowsPerBatch);
        await using (var select = reading.CreateCommand())
        {
            select.Transaction = snapshot;
            select.CommandText = SelectSql(from, from, source.Engine);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object[columns.Length];
                reader.GetValues(values);
                checksum.Add(values);
                batch.Add(values);
                if (batch.Count == rowsPerBatch)
                {
                    await InsertAsync(write, into.Name, columns, batch, cancellationToken);
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0)
        {
            await InsertAsync(write, into.Name, columns, batch, cancellationToken);
        }
        return new TableCopyReport(from.Name, checksum.Rows, checksum.Finish());
    }

    // Parameters one statement binds. SQLite finds each bound name by a linear search of the statement's, so
    // its statements stay at the old default limit of 999; PostgreSQL takes up to 65,535.
    private static int ParameterBudget(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite ? 999 : 30_000;

    private static async Task InsertAsync(WriteTransaction write, string table, string[] columns, List<object[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = write.CreateCommand();
        var text = new StringBuilder($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ");
        var index = 0;
        for (var row = 0; row < rows.Count; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Length; column++)
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@p{index++}");
                parameter.Value = rows[row][column];
                insert.Parameters.Add(parameter);
                text.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            text.Append(')');
        }
        insert.CommandText = text.ToString();
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    // Rows copied with their ids leave an identity's sequence where it was: the next insert would take id 1.
    private static async Task MoveIdentitiesPastCopiedIdsAsync(WriteTransaction write, IEnumerable<Table> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables.Where(t => TableOrder.Contains(t.Name)))
        {
            foreach (var column in table.Columns.Where(c => c.IsIdentity))
            {
                await write.ExecuteAsync(
                    $"SELECT setval(pg_get_serial_sequence(@Table, @Column), COALESCE(MAX({Quote(column.Name)}), 0) + 1, false) FROM {Quote(table.Name)}",
                    new { Table = Quote(table.Name), Column = column.Name },
                    cancellationToken);
            }
        }
    }

    private async Task<(long Rows, string Checksum)> ReadBackAsync(WriteTransaction write, Table from, Table into, CancellationToken cancellationToken)
    {
        using var checksum = new TableChecksum();
        await using var select = write.CreateCommand();
        select.CommandText = SelectSql(from, into, target.Engine);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var values = new object[from.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            checksum.Add(values);
        }
        return (checksum.Rows, checksum.Finish());
    }

    // The source's columns in the source's order, in primary-key order on either side. Text keys sort by code
    // point on both engines: SQLite's BINARY collation does, and PostgreSQL's "C" (whatever the database's
    // locale) does too.
    private static string SelectSql(Table from, Table side, DatabaseEngine engine)
    {
        var key = from.Key.Count > 0 ? from.Key : from.Columns.Select(c => c.Name).ToList();
        var order = key.Select(name => engine == DatabaseEngine.Postgres && side.Columns.First(c => c.Name == name).IsText ? $"{Quote(name)} COLLATE \"C\"" : Quote(name));
        return $"SELECT {string.Join(", ", from.Columns.Select(c => Quote(c.Name)))} FROM {Quote(from.Name)} ORDER BY {string.Join(", ", order)}";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Dictionary<string, Table> ToTables(IEnumerable<CatalogRow> rows) =>
        rows.GroupBy(row => row.TableName, StringComparer.Ordinal).ToDictionary(
            group => group.Key,
            group => new Table(
                group.Key,
                [.. group.Select(row => new Column(row.ColumnName, IsText(row.Type), row.IsIdentity != 0))],
                [.. group.Where(row => row.KeyPosition > 0).OrderBy(row => row.KeyPosition).Select(row => row.ColumnName)]),
            StringComparer.Ordinal);

    private static bool IsText(string type) => type.Contains("text", StringComparison.Ordinal) || type.Contains("char", StringComparison.Ordinal) || type.Contains("clob", StringComparison.Ordinal);

    private sealed record Column(string Name, bool IsText, bool IsIdentity);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<string> Key);

    private sealed class CatalogRow
    {
        public string TableName { get; init; } = "";
        public string ColumnName { get; init; } = "";
        public string Type { get; init; } = "";
        public long KeyPosition { get; init; }
        public long IsIdentity { get; init; }
    }
}

/// <summary>
/// SHA-256 over a table's rows in key order, each value in a text both engines give alike: integers as
/// invariant digits (SQLite and PostgreSQL's BIGINT both read as Int64; booleans are stored as 0 and 1), text
/// as is with its length, NULL as a marker, doubles round-trip.
/// </summary>
internal sealed class TableChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _row = new();

    public long Rows { get; private set; }

    public void Add(object[] values)
    {
        _row.Clear();
        foreach (var value in values)
        {
            Append(_row, value);
        }
        _row.Append('\n');
        _hash.AppendData(Encoding.UTF8.GetBytes(_row.ToString()));
        Rows++;
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    internal static void Append(StringBuilder text, object? value)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null or DBNull:
                text.Append("N;");
                break;
            case long or int or short or byte or sbyte or uint or ushort or ulong:
                text.Append('I').Append(Convert.ToString(value, invariant)).Append(';');
                break;
            case bool flag:
                text.Append(flag ? "I1;" : "I0;");
                break;
            case double or float:
                text.Append('R').Append(Convert.ToDouble(value, invariant).ToString("R", invariant)).Append(';');
                break;
            case decimal number:
                text.Append('D').Append(number.ToString(invariant)).Append(';');
                break;
            case string words:
                text.Append('T').Append(words.Length.ToString(invariant)).Append(':').Append(words).Append(';');
                break;
            case byte[] bytes:
                text.Append('B').Append(Convert.ToBase64String(bytes)).Append(';');
                break;
            default:
                throw new NotSupportedException($"copy-to cannot compare a value of type {value.GetType().Name}.");
        }
    }

    public void Dispose() => _hash.Dispose();
}
