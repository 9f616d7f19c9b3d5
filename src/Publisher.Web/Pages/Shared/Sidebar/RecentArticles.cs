using System.Globalization;
using Publisher.Web.Caching;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Shared.Sidebar;

/// <summary>« Les derniers articles » as one page shows it, and the key its rendering is kept under.</summary>
public sealed record LatestArticlesView(IReadOnlyList<ArticleSummaryRow> Articles, string FragmentKey);

/// <summary>
/// « Les derniers articles », kept in memory: every page shows it, so it costs no query. Each of the few
/// ways it can look (leaving out none, or one of the latest when that one is on screen) is prepared once per
/// snapshot, so the layout renders it once too.
/// </summary>
public sealed class RecentArticles(IRecentArticlesQuery query, ArticleChanges changes, TimeProvider clock)
{
    public const int Count = ContentReachRule.LatestOnEveryPage;

    private readonly LiveSnapshot<Variants> _snapshot = new(changes, clock);

    /// <summary>The latest published articles, leaving out the one being read.</summary>
    public async Task<LatestArticlesView> SidebarAsync(long? excludedArticleId, CancellationToken cancellationToken)
    {
        var variants = await _snapshot.GetAsync(async (now, token) =>
            (new Variants(await query.LatestAsync(Count + 1, now, token)), await query.NextScheduledAsync(now, token)), cancellationToken);
        return excludedArticleId is { } id && variants.Without.TryGetValue(id, out var without) ? without : variants.All;
    }

    private sealed class Variants
    {
        public Variants(IReadOnlyList<ArticleSummaryRow> latest)
        {
            var key = FragmentKeys.Next();
            All = new LatestArticlesView(latest.Take(Count).ToList(), key);
            // Leaving out the one past the first Count shows the same as leaving out none.
            Without = latest.Take(Count).ToDictionary(article => article.Id, article => new LatestArticlesView(
                latest.Where(other => other.Id != article.Id).Take(Count).ToList(),
                $"{key}-{article.Id.ToString(CultureInfo.InvariantCulture)}"));
        }

        public LatestArticlesView All { get; }

        public Dictionary<long, LatestArticlesView> Without { get; }
    }
}
