using System.Collections.Concurrent;
using Publisher.Web.Content;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Articles;

/// <summary>
/// « À lire aussi », kept in memory per article like « Les derniers articles »: it changes only when the
/// published content does, so a page rendered again (the page cache off, or an entry expired) needs one
/// query, for the article itself. Any change to published content, or the next scheduled article going
/// live, starts afresh; so does a full memory, at <see cref="MaximumArticles"/> lists.
/// </summary>
public sealed class RelatedArticles(ArticleQueries queries, SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock)
{
    /// <summary>About 2 KB each: a few megabytes at most.</summary>
    public const int MaximumArticles = 5_000;

    private readonly LiveSnapshot<ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>> _snapshot = new(changes, clock);

    public async Task<IReadOnlyList<ArticleSummaryRow>> ListAsync(ArticleView article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var known = await _snapshot.GetAsync(StartAsync, cancellationToken);
        if (known.TryGetValue(article.Id, out var related))
        {
            return related;
        }
        related = await queries.RelatedAsync(article, clock.GetUtcNow(), cancellationToken);
        if (known.Count < MaximumArticles)
        {
            // A list read while a save lands goes into the snapshot that save retires: the next request starts afresh.
            known.TryAdd(article.Id, related);
        }
        return related;
    }

    private async Task<(ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>, DateTimeOffset?)> StartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (new ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>(), await Published.NextScheduledAsync(connection, now, cancellationToken));
    }
}
