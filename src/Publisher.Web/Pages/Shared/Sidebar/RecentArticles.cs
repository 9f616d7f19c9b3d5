using Publisher.Web.Content;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Shared.Sidebar;

/// <summary>« Les derniers articles », kept in memory: every page shows it, so it costs no query.</summary>
public sealed class RecentArticles(IRecentArticlesQuery query, ArticleChanges changes, TimeProvider clock)
{
    public const int Count = 5;

    private readonly LiveSnapshot<IReadOnlyList<ArticleSummaryRow>> _snapshot = new(changes, clock);

    /// <summary>The latest published articles, leaving out the one being read.</summary>
    public async Task<IReadOnlyList<ArticleSummaryRow>> ListAsync(long? excludedArticleId, CancellationToken cancellationToken)
    {
        var latest = await _snapshot.GetAsync(async (now, token) =>
            (await query.LatestAsync(Count + 1, now, token), await query.NextScheduledAsync(now, token)), cancellationToken);
        return latest.Where(article => article.Id != excludedArticleId).Take(Count).ToList();
    }
}
