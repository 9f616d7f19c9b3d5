using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace Publisher.Web.Data.Sqlite;

/// <summary>
/// The reader-facing queries' connections: kept open, read-only, each with its statements prepared once.
/// Microsoft.Data.Sqlite parses and plans every new command again (dotnet/efcore#14044); on an article
/// page, whose two queries are long, that was half of a cache miss's time. Rows are still mapped by Dapper.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods run synchronously, so these do too: a session is rented only for
/// the time of one statement, never across an await, so few are ever rented at once. The pool keeps up to
/// twice the processor count; a session opened beyond that is closed when returned. A session that saw an
/// error is closed rather than reused.
/// </remarks>
public sealed class SqliteReadSessions : IReadSessions, IDisposable
{
    private readonly ObjectPool<ReadSession> _pool;

    public SqliteReadSessions(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connectionString = new SqliteConnectionStringBuilder(database.ConnectionString)
        {
            // Our pool holds the connection; closing it must close the file (tests delete theirs).
            Pooling = false,
        }.ToString();
        _pool = new DefaultObjectPoolProvider().Create(new SessionPolicy(connectionString));
    }

    public DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(sql, arguments, reader =>
        {
            var rows = new List<T>();
            var parse = RowParser<T>(reader);
            while (reader.Read())
            {
                rows.Add(parse(reader));
            }
            return rows;
        }));
    }

    /// <summary>The first row, or the default of <typeparamref name="T"/> when there is none.</summary>
    public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(sql, arguments, reader => reader.Read() ? RowParser<T>(reader)(reader) : default));
    }

    // Dapper's typed GetRowParser<T> fails for a single string column; the untyped one serves every type, but
    // returns a scalar as SQLite gives it: ask for long, double or string (nullable when it may be NULL),
    // never int or bool; classes are mapped by column names as usual.
    private static Func<DbDataReader, T> RowParser<T>(DbDataReader reader)
    {
        var parse = reader.GetRowParser(typeof(T));
        return row => (T)parse(row);
    }

    private TResult Run<TResult>(string sql, IReadOnlyList<SqlArgument> arguments, Func<DbDataReader, TResult> read)
    {
        var started = Stopwatch.GetTimestamp();
        var session = _pool.Get();
        try
        {
            var command = session.Prepare(sql, arguments);
            TResult result;
            using (var reader = command.ExecuteReader())
            {
                result = read(reader);
            }
            _pool.Return(session);
            DatabaseTimings.ReadSince(started);
            return result;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();

    private sealed class SessionPolicy(string connectionString) : IPooledObjectPolicy<ReadSession>
    {
        public ReadSession Create() => new(connectionString);

        public bool Return(ReadSession session) => true;
    }
}

/// <summary>One open read-only connection and the commands prepared on it, by SQL text.</summary>
internal sealed partial class ReadSession : IDisposable
{
    // Statements are built from constants; a bound keeps a mistake (SQL built from input) from growing it.
    private const int MaximumStatements = 64;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public ReadSession(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var readOnly = _connection.CreateCommand();
        readOnly.CommandText = "PRAGMA query_only = ON";
        readOnly.ExecuteNonQuery();
    }

    public SqliteCommand Prepare(string sql, IReadOnlyList<SqlArgument> arguments)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaximumStatements)
            {
                throw new InvalidOperationException($"More than {MaximumStatements} distinct statements were read through one session: is SQL being built from input?");
            }
            if (BoundLimit().IsMatch(sql))
            {
                // SQLite plans with a bound LIMIT's value, so it prepares such a statement again at every execution.
                throw new ArgumentException("Write the LIMIT as a number (OFFSET may stay a parameter): a bound LIMIT defeats the prepared statement.", nameof(sql));
            }
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        Bind(command.Parameters, arguments);
        return command;
    }

    private static void Bind(SqliteParameterCollection parameters, IReadOnlyList<SqlArgument> arguments)
    {
        var same = parameters.Count == arguments.Count;
        for (var i = 0; same && i < arguments.Count; i++)
        {
            same = parameters[i].ParameterName.AsSpan(1).SequenceEqual(arguments[i].Name);
        }
        if (!same)
        {
            parameters.Clear();
            foreach (var argument in arguments)
            {
                parameters.Add(new SqliteParameter { ParameterName = "@" + argument.Name });
            }
        }
        for (var i = 0; i < arguments.Count; i++)
        {
            parameters[i].Value = arguments[i].Value switch
            {
                null => DBNull.Value,
                // Dates are stored as DateTimeOffsetHandler's text; the provider's own format would not compare.
                DateTimeOffset or DateTime => throw new ArgumentException($"Pass @{arguments[i].Name} through DateTimeOffsetHandler.ToText.", nameof(arguments)),
                var value => value,
            };
        }
    }

    [GeneratedRegex(@"\bLIMIT\s+[@:$]\w+\b(?!\s*[-+*/])", RegexOptions.IgnoreCase)]
    private static partial Regex BoundLimit();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _connection.Dispose();
    }
}
