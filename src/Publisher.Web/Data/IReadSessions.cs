namespace Publisher.Web.Data;

/// <summary>A named value for a statement's <c>@Name</c> parameter.</summary>
public readonly record struct SqlArgument(string Name, object? Value);

/// <summary>
/// The readers' fast path: connections kept open with their statements prepared once, for the queries every
/// public page runs. Write the <c>LIMIT</c> as a number (a bound one defeats the prepared statement); bind
/// instants as <see cref="DateTimeOffsetHandler.ToText"/>; ask for long, double or string scalars.
/// </summary>
public interface IReadSessions
{
    Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken);

    /// <summary>The first row, or the default of <typeparamref name="T"/> when there is none.</summary>
    Task<T?> QueryFirstOrDefaultAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken);

    Task<List<T>> QueryAsync<T>(EngineSql sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken) =>
        QueryAsync<T>(sql.For(Engine), arguments, cancellationToken);

    Task<T?> QueryFirstOrDefaultAsync<T>(EngineSql sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken) =>
        QueryFirstOrDefaultAsync<T>(sql.For(Engine), arguments, cancellationToken);

    /// <summary>The engine these sessions read, which picks an <see cref="EngineSql"/>'s text.</summary>
    DatabaseEngine Engine { get; }
}
