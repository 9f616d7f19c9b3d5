using Dapper;
using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Caching;

/// <summary>When what readers see last changed, and when it next changes by itself (a scheduled article going live).</summary>
public sealed class ContentFreshnessQuery(IDatabase database)
{
    private const string LastChangeSql = $"""
        SELECT s.content_changed_at AS Recorded, (SELECT MAX(a.published_at) FROM articles a WHERE {Published.Filter}) AS LastPublished
        FROM site_state s WHERE s.id = 1
        """;

    public async Task<(DateTimeOffset Last, DateTimeOffset? Next)> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Recorded, string? LastPublished)>(new CommandDefinition(LastChangeSql, new { Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken));
        var last = new[] { row.Recorded, row.LastPublished }.Where(text => !string.IsNullOrEmpty(text)).Select(text => DateTimeOffsetHandler.FromText(text!)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        return (last, await NextScheduled.ReadAsync(connection, now, cancellationToken));
    }
}
