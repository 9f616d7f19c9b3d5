using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Publisher.Web.Data.Sqlite;

/// <summary>
/// The embedded engine: one file, foreign keys on, a busy timeout, pooled connections. SQLite has a single
/// writer, and Microsoft.Data.Sqlite begins every transaction with <c>BEGIN IMMEDIATE</c>, which takes the
/// write lock at once: that is the single-writer guarantee <see cref="IDatabase"/> promises.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html) that say something about the file or the disk.
    private const int ReadOnly = 8;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    private readonly SingleNodeLeases _leases = new();

    public SqliteDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Publisher");
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = "Data Source=data/publisher.db";
        }
        var builder = new SqliteConnectionStringBuilder(configured)
        {
            ForeignKeys = true,
            Pooling = true,
            // Seconds Microsoft.Data.Sqlite keeps retrying while another connection holds the write lock.
            DefaultTimeout = 30,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource) && !builder.DataSource.StartsWith(':'))
        {
            // Relative to the app, not to wherever the command was typed.
            builder.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, builder.DataSource));
        }
        DatabasePath = builder.DataSource;
        ConnectionString = builder.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The settings every connection opens with.</summary>
    public string ConnectionString { get; }

    public DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public string Location => DatabasePath;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenSqliteAsync(cancellationToken);

    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenSqliteAsync(cancellationToken);
        try
        {
            // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, not at the first write, so a
            // check read at the start of the transaction still holds when the transaction writes.
            return new WriteTransaction(connection, connection.BeginTransaction(deferred: false), DatabaseEngine.Sqlite);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await using var connection = await OpenSqliteAsync(cancellationToken);
        // WAL lets readers go on while an editor saves; the setting is stored in the file.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));
    }

    public bool IsTransient(Exception exception) => exception is IOException
        || exception is SqliteException { SqliteErrorCode: Busy or Locked or IoError or Full or CannotOpen };

    public string? ExplainStartupFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SqliteException { SqliteErrorCode: NotADatabase } => $"the database file '{DatabasePath}' is not a SQLite database, or its first page is damaged; restore a backup (docs/operations.md)",
            SqliteException { SqliteErrorCode: Corrupt } => $"the database file '{DatabasePath}' is damaged ({exception.Message}); restore a backup (docs/operations.md)",
            SqliteException { SqliteErrorCode: CannotOpen } => $"the database file '{DatabasePath}' cannot be opened: check that its folder exists and that this process may read and write it",
            SqliteException { SqliteErrorCode: ReadOnly } => $"the database file '{DatabasePath}' or its folder is read-only for this process: the site writes to it",
            SqliteException { SqliteErrorCode: Full } => $"the disk holding '{DatabasePath}' is full",
            SqliteException { SqliteErrorCode: IoError } => $"the disk returned an error reading or writing '{DatabasePath}' ({exception.Message})",
            UnauthorizedAccessException => $"this process may not write where the site keeps its data ({exception.Message}); the folder '{Path.GetDirectoryName(DatabasePath)}' must be writable",
            _ => null,
        };
    }

    public IDisposable HoldInUse() => DatabaseInUse.HoldShared(DatabasePath);

    public Task<IHeldLease?> TryTakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken) => _leases.TryTakeAsync(lease, cancellationToken);

    public Task<IHeldLease> TakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken) => _leases.TakeAsync(lease, cancellationToken);

    internal async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
