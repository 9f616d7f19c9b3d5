using System.Data.Common;
using System.Diagnostics;
using Dapper;

namespace Publisher.Web.Data;

/// <summary>
/// One write transaction from <see cref="IDatabase.BeginWriteAsync"/>: its statements run in it, and nothing is
/// kept unless <see cref="CommitAsync"/> is called. Disposing without committing rolls everything back.
/// </summary>
public sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, DatabaseEngine engine) : IAsyncDisposable
{
    // The engines build a transaction once its write lock is held: from here to the end is the time others wait.
    private readonly long _started = Stopwatch.GetTimestamp();

    public Task<int> ExecuteAsync(EngineSql sql, object? parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(sql.For(engine), parameters, cancellationToken);

    public Task<T?> ScalarAsync<T>(EngineSql sql, object? parameters, CancellationToken cancellationToken) =>
        ScalarAsync<T>(sql.For(engine), parameters, cancellationToken);

    public Task<T?> SingleOrDefaultAsync<T>(EngineSql sql, object? parameters, CancellationToken cancellationToken) =>
        SingleOrDefaultAsync<T>(sql.For(engine), parameters, cancellationToken);

    public Task<IReadOnlyList<T>> QueryAsync<T>(EngineSql sql, object? parameters, CancellationToken cancellationToken) =>
        QueryAsync<T>(sql.For(engine), parameters, cancellationToken);

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(sql, parameters, cancellationToken));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<T>(Command(sql, parameters, cancellationToken))).AsList();

    /// <summary>A command in this transaction, for what Dapper does not serve well: copy-to's batches and its row-by-row checks.</summary>
    internal DbCommand CreateCommand()
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            await connection.DisposeAsync();
            DatabaseTimings.WriteSince(_started);
        }
    }
}
