using System.Runtime.CompilerServices;
using Dapper;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Content;

/// <summary>
/// When what readers see last changed: the latest publication or update among published articles, or the
/// latest save this process made (a deletion leaves no row to read). Every page shows the latest articles,
/// so this is the <c>Last-Modified</c> of every page.
/// </summary>
public sealed class ContentFreshness(SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock)
{
    private readonly LiveSnapshot<StrongBox<DateTimeOffset>> _snapshot = new(changes, clock);

    private const string LastChangeSql = $"SELECT MAX(MAX(a.published_at, a.updated_at)) FROM articles a WHERE {Published.Filter}";

    public async Task<DateTimeOffset> LastChangeAsync(CancellationToken cancellationToken)
    {
        var box = await _snapshot.GetAsync(async (now, token) =>
        {
            await using var connection = await connections.OpenAsync(token);
            var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LastChangeSql, new { Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: token));
            var last = stored is null ? DateTimeOffset.UnixEpoch : DateTimeOffsetHandler.FromText(stored);
            if (changes.LastNotified is { } notified && notified > last)
            {
                last = notified;
            }
            return (new StrongBox<DateTimeOffset>(last), await Published.NextScheduledAsync(connection, now, token));
        }, cancellationToken);
        return box.Value;
    }
}
