using System.Runtime.CompilerServices;
using Dapper;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Content;

/// <summary>
/// When what readers see last changed: the latest save recorded in the database (by any process), or the
/// latest publication among published articles (a scheduled one changes the site at its minute without a
/// save). Every page shows the latest articles, so this is the <c>Last-Modified</c> of every page.
/// </summary>
public sealed class ContentFreshness(SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock)
{
    private readonly LiveSnapshot<StrongBox<DateTimeOffset>> _snapshot = new(changes, clock);

    private const string LastChangeSql = $"""
        SELECT MAX((SELECT content_changed_at FROM site_state WHERE id = 1),
                   COALESCE((SELECT MAX(a.published_at) FROM articles a WHERE {Published.Filter}), ''))
        """;

    public async Task<DateTimeOffset> LastChangeAsync(CancellationToken cancellationToken)
    {
        var box = await _snapshot.GetAsync(async (now, token) =>
        {
            await using var connection = await connections.OpenAsync(token);
            var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LastChangeSql, new { Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: token));
            var last = string.IsNullOrEmpty(stored) ? DateTimeOffset.UnixEpoch : DateTimeOffsetHandler.FromText(stored);
            return (new StrongBox<DateTimeOffset>(last), await Published.NextScheduledAsync(connection, now, token));
        }, cancellationToken);
        return box.Value;
    }
}
