using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Articles;

/// <summary>
/// « À lire aussi », kept in memory per article like « Les derniers articles »: it changes only when the
/// published content does, so a page rendered again (the page cache off, or an entry expired) needs one
/// query, for the article itself. Any change to published content, or the next scheduled article going
/// live, starts afresh; once <see cref="MaximumArticles"/> lists are kept, further ones are read each time.
/// </summary>
public sealed class RelatedArticles(ArticleQueries queries, IDatabase database, ArticleChanges changes, TimeProvider clock)
{
    /// <summary>About 5 KB each (four rows with their standfirsts): 10 MB at most.</summary>
    public const int MaximumArticles = 2_000;

    private readonly LiveSnapshot<ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>> _snapshot = new(changes, clock);

    /// <param name="article">The article on screen.</param>
    /// <param name="readSince">
    /// <see cref="ArticleChanges.Watch"/> taken before the article was read: a list computed from an article
    /// read before a change (its section or date may have moved) is served once but not kept.
    /// </param>
    /// <param name="cancellationToken">The request's.</param>
    public async Task<IReadOnlyList<ArticleSummaryRow>> ListAsync(ArticleView article, IChangeToken readSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(readSince);
        var known = await _snapshot.GetAsync(StartAsync, cancellationToken);
        if (known.TryGetValue(article.Id, out var related))
        {
            return related;
        }
        related = await queries.RelatedAsync(article, clock.GetUtcNow(), cancellationToken);
        // A list read while a save lands goes into the snapshot that save retires, unless the article itself
        // was read before the save: then it is not kept at all.
        if (!readSince.HasChanged && known.Count < MaximumArticles)
        {
            known.TryAdd(article.Id, related);
        }
        return related;
    }

    private async Task<(ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>, DateTimeOffset?)> StartAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (new ConcurrentDictionary<long, IReadOnlyList<ArticleSummaryRow>>(), await NextScheduled.ReadAsync(database, now, cancellationToken));
}
