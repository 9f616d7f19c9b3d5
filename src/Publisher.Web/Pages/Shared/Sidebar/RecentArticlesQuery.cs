using Dapper;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Shared.Sidebar;

/// <summary>Feeds « Les derniers articles ». An interface, because a cache (and later Redis) stands in front of it.</summary>
public interface IRecentArticlesQuery
{
    /// <summary>The newest published articles at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ArticleSummaryRow>> LatestAsync(int count, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the next scheduled article goes live, if one is waiting: the sidebar must change then.</summary>
    Task<DateTimeOffset?> NextScheduledAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class RecentArticlesQuery(IDatabase database) : IRecentArticlesQuery
{
    // The home page's first rows: the same query, the same index.
    private const string LatestSql = $"""
        {ArticleListQueries.Latest}
        LIMIT @Limit
        """;

    public async Task<IReadOnlyList<ArticleSummaryRow>> LatestAsync(int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleSummaryRow>(new CommandDefinition(
            LatestSql, new { Limit = count, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<DateTimeOffset?> NextScheduledAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        NextScheduled.ReadAsync(database, now, cancellationToken);
}
