using System.Data.Common;
using Dapper;
using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Caching;

/// <summary>When the next scheduled article goes live: what readers see changes then, with no save to announce it.</summary>
public static class NextScheduled
{
    private const string NextSql = $"SELECT MIN(a.published_at) FROM articles a WHERE {Published.Upcoming}";

    public static async Task<DateTimeOffset?> ReadAsync(IDatabase database, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, now, cancellationToken);
    }

    public static async Task<DateTimeOffset?> ReadAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(NextSql, new { Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken));
        return next is null ? null : DateTimeOffsetHandler.FromText(next);
    }
}
