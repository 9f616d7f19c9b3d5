using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Publisher.Web.Data.Postgres;

/// <summary>
/// The shared engine, for sites that outgrow one machine. Connections come from one pooled
/// <see cref="NpgsqlDataSource"/>. PostgreSQL lets many writers in at once; Publisher's writes read, check, then
/// write (a revision conflict, a taken address, the last admin), so every write transaction first takes one
/// transaction-scoped advisory lock: one writer at a time across every node, as SQLite's <c>BEGIN IMMEDIATE</c>
/// gives on one machine. Reads never wait for it.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock every write transaction holds: a fixed key, "Publish" in ASCII.</summary>
    private const long WriteLockKey = 0x5075626C697368;

    // The leases' session-level advisory locks, next to the write lock's key.
    private static long LeaseKey(DatabaseLease lease) => WriteLockKey + 1 + (long)lease;

    // As long as SQLite's busy timeout: a writer that waits longer gets an error counted as transient.
    private static readonly string TakeWriteLockSql = $"SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock({WriteLockKey})";

    private readonly NpgsqlDataSource _dataSource;

    // Connections held for as long as a lease or the notices' LISTEN last: outside the pool, since a session
    // lock or a LISTEN must never be handed to another caller, and closing the connection must end them.
    private readonly NpgsqlDataSource _dedicated;
    private readonly NpgsqlConnectionStringBuilder _settings;

    public PostgresDatabase(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString("Publisher");
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new DatabaseSettingException("ConnectionStrings:Publisher is empty: with Database:Provider=Postgres it must name the server and the database, for example \"Host=db.internal;Database=publisher;Username=publisher\" (the password in an environment variable or ~/.pgpass, never in a file of the repository)");
        }
        try
        {
            _settings = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseSettingException($"ConnectionStrings:Publisher is not a PostgreSQL connection string ({e.Message}); see docs/operations.md");
        }
        if (string.IsNullOrEmpty(_settings.Host) || string.IsNullOrEmpty(_settings.Database))
        {
            throw new DatabaseSettingException("ConnectionStrings:Publisher must name both Host and Database for PostgreSQL, for example \"Host=db.internal;Database=publisher;Username=publisher\"");
        }
        var builder = new NpgsqlDataSourceBuilder(_settings.ConnectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "Publisher";
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The reader pages run a few statements over and over: prepared once per connection, they skip
            // PostgreSQL's parse and plan, as the SQLite engine's read sessions do.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        if (!_settings.ContainsKey("No Reset On Close"))
        {
            // A connection goes back to the pool after every statement a page reads; resetting its session each
            // time (Npgsql's default) costs a round of work per statement. Publisher leaves no session state
            // behind: its lock and its timeout are the transaction's own (pg_advisory_xact_lock, SET LOCAL).
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }
        _dataSource = builder.Build();
        // A lease or a LISTEN lasts as long as its connection, idle or blocked in a wait for hours: TCP keepalives
        // on this side find a server that vanished (a waiter then tries again elsewhere), and DedicatedSessionSql
        // asks the same of the server, so that a node that vanished without closing its socket frees its lease.
        var dedicated = new NpgsqlConnectionStringBuilder(builder.ConnectionStringBuilder.ConnectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 5,
            TcpKeepAliveInterval = 2,
        };
        _dedicated = new NpgsqlDataSourceBuilder(dedicated.ConnectionString).Build();
        Location = $"PostgreSQL database '{_settings.Database}' on {_settings.Host}:{_settings.Port}";
    }

    public DatabaseEngine Engine => DatabaseEngine.Postgres;

    public string Location { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var takeLock = new NpgsqlCommand(TakeWriteLockSql, connection, transaction))
            {
                await takeLock.ExecuteNonQueryAsync(cancellationToken);
            }
            return new WriteTransaction(connection, transaction, DatabaseEngine.Postgres);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // The database and its owner are the operator's to create; connecting once turns a wrong setting into
    // the start-up's one-line explanation before any migration.
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    public bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DiskFull
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        IOException or TimeoutException => true,
        _ => false,
    };

    public string? ExplainStartupFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var address = $"{_settings.Host}:{_settings.Port}";
        var server = $"PostgreSQL at {address}";
        return exception switch
        {
            DatabaseSettingException => exception.Message,
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
                $"{server} refused user '{_settings.Username}' ({e.MessageText}): check the user and password of ConnectionStrings:Publisher",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"the database '{_settings.Database}' named by ConnectionStrings:Publisher does not exist on {address}: create it (createdb -O <owner> {_settings.Database})",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
                $"user '{_settings.Username}' may not change the schema of '{_settings.Database}' ({e.MessageText}): make it the database's owner",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } e => $"{server} accepts no more connections ({e.MessageText})",
            PostgresException { SqlState: var state } e when state.StartsWith("53", StringComparison.Ordinal) => $"{server} is out of resources ({e.MessageText})",
            PostgresException { SqlState: var state } e when state.StartsWith("57P", StringComparison.Ordinal) => $"{server} is shutting down or starting ({e.MessageText}); start the site again when it is up",
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } e =>
                $"cannot reach {server} named by ConnectionStrings:Publisher ({e.InnerException!.Message}): is the server running and listening there?",
            TimeoutException or NpgsqlException { InnerException: TimeoutException } =>
                $"{server} did not answer in time (ConnectionStrings:Publisher): is the server running and reachable?",
            NpgsqlException and not PostgresException => $"cannot connect to {server} named by ConnectionStrings:Publisher: {exception.Message}",
            _ => null,
        };
    }

    // Nothing to hold: PostgreSQL knows its own sessions, and a restore goes through pg_restore.
    public IDisposable HoldInUse() => NothingHeld.Instance;

    // For a session that lasts: the server probes the client every few seconds and ends the session (freeing
    // its locks) some 11 s after a node vanished; waits are never cut short by a statement or lock timeout an
    // operator set on the role or the database, which would otherwise end a lease's wait after that long.
    private const string DedicatedSessionSql = """
        SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3;
        SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0;
        """;

    /// <summary>
    /// A connection of its own, outside the pool, for what lasts as long as it does (a lease, the notices'
    /// LISTEN), named in <c>pg_stat_activity</c> for the operator. It must reach PostgreSQL itself (or a pooler in
    /// session mode): a transaction-mode pooler would hand its locks and its LISTEN to other clients.
    /// </summary>
    internal async Task<NpgsqlConnection> OpenDedicatedAsync(string applicationName, CancellationToken cancellationToken)
    {
        var connection = await _dedicated.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var prepare = new NpgsqlCommand($"SET application_name = '{applicationName}'; {DedicatedSessionSql}", connection);
            await prepare.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IHeldLease?> TryTakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken) =>
        await LeaseAsync(lease, wait: false, cancellationToken);

    public async Task<IHeldLease> TakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken) =>
        await LeaseAsync(lease, wait: true, cancellationToken)
        ?? throw new InvalidOperationException("pg_advisory_lock returned without the lock.");

    // A session lock on a connection of its own: the lease lasts as long as the connection, so a node that
    // dies (its socket closed by the kernel, or found dead by keepalives) frees it for the others.
    private async Task<IHeldLease?> LeaseAsync(DatabaseLease lease, bool wait, CancellationToken cancellationToken)
    {
        var connection = await OpenDedicatedAsync($"Publisher: {lease} lease", cancellationToken);
        try
        {
            var takeSql = wait ? "SELECT pg_advisory_lock(@Key), true" : "SELECT pg_try_advisory_lock(@Key)";
            await using var command = new NpgsqlCommand(takeSql, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("Key", LeaseKey(lease));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetBoolean(reader.FieldCount - 1))
            {
                return new PostgresLease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _dedicated.DisposeAsync();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _dedicated.Dispose();
    }

    private sealed class PostgresLease(NpgsqlConnection connection) : IHeldLease
    {
        public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                return false;
            }
        }

        // Closing the session frees its locks.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class NothingHeld : IDisposable
    {
        public static readonly NothingHeld Instance = new();

        public void Dispose()
        {
        }
    }
}
