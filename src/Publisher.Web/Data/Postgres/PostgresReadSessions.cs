using System.Diagnostics;
using Dapper;

namespace Publisher.Web.Data.Postgres;

/// <summary>
/// The reader-facing queries on PostgreSQL: a pooled connection per statement, and Npgsql's automatic
/// preparation (<c>Max Auto Prepare</c>, set by <see cref="PostgresDatabase"/>) keeps the plans of the
/// statements every public page runs, as the SQLite sessions do by hand.
/// </summary>
public sealed class PostgresReadSessions(PostgresDatabase database) : IReadSessions
{
    public DatabaseEngine Engine => DatabaseEngine.Postgres;

    public async Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<T>(new CommandDefinition(sql, Parameters(arguments), cancellationToken: cancellationToken))).AsList();
        DatabaseTimings.ReadSince(started);
        return rows;
    }

    public async Task<T?> QueryFirstOrDefaultAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, Parameters(arguments), cancellationToken: cancellationToken));
        DatabaseTimings.ReadSince(started);
        return row;
    }

    private static DynamicParameters Parameters(IReadOnlyList<SqlArgument> arguments)
    {
        var parameters = new DynamicParameters();
        foreach (var argument in arguments)
        {
            if (argument.Value is DateTimeOffset or DateTime)
            {
                // Instants are stored as DateTimeOffsetHandler's text on both engines, so that they compare as text.
                throw new ArgumentException($"Pass @{argument.Name} through DateTimeOffsetHandler.ToText.", nameof(arguments));
            }
            parameters.Add(argument.Name, argument.Value);
        }
        return parameters;
    }
}
