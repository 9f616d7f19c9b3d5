using Publisher.Core.Content;
using Publisher.Web.Caching;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>
/// How far a write reaches what readers see, so that caches drop no more than they must: where the article
/// stood before the write and where it stands after, read in the write's own transaction.
/// </summary>
public static class ChangeReach
{
    // Placement: 0 unseen, 1 listed, 2 also on every page, being among the latest the sidebar may show or the
    // only listed article of its section, which the header then names. Listing: what ties it to other pages
    // besides its title (section, author, date and tags, by name): a change there can bring it into
    // « À lire aussi » lists and bylines that never showed it.
    private const string StandingSql = $"""
        SELECT CASE
            WHEN NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.id AND {Published.Filter}) THEN 0
            WHEN (SELECT COUNT(*) FROM (
                    SELECT 1 FROM articles a
                    WHERE {Published.Filter} AND a.published_at > x.published_at
                    LIMIT @Latest) AS newer) < @Latest THEN 2
            WHEN NOT EXISTS (
                    SELECT 1 FROM articles a
                    WHERE a.section_id = x.section_id AND a.id <> x.id AND {Published.Filter}) THEN 2
            ELSE 1
        END AS Placement,
        s.name || '|' || au.name || '|' || COALESCE(x.published_at, '') || '|' || COALESCE((
            SELECT string_agg(g.name, ',' ORDER BY g.name)
            FROM article_tags t JOIN tags g ON g.id = t.tag_id
            WHERE t.article_id = x.id), '') AS Listing
        FROM articles x
        JOIN sections s ON s.id = x.section_id
        JOIN authors au ON au.id = x.author_id
        WHERE x.id = @Id
        """;

    /// <summary>Where an article stands for readers at <paramref name="now"/>, inside the write's transaction; absent when there is no such article.</summary>
    public static async Task<Standing> StandingAsync(WriteTransaction transaction, long articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.SingleOrDefaultAsync<StandingRow>(StandingSql, new
        {
            Id = articleId,
            Now = DateTimeOffsetHandler.ToText(now),
            // The sidebar leaves out the article on screen, so it may show one more than its count.
            Latest = ContentReachRule.LatestOnEveryPage + 1,
        }, cancellationToken);
        return row is null ? Standing.Absent : new Standing((ContentReach)row.Placement, row.Listing);
    }

    private sealed class StandingRow
    {
        public long Placement { get; init; }
        public string Listing { get; init; } = "";
    }

    /// <summary>
    /// An article readers never saw reaches no page; one edited in place reaches its page and the lists; one
    /// that moved (published, unpublished, re-dated, re-tagged, into or out of the sidebar) may appear on any page.
    /// </summary>
    public static ContentReach Between(Standing before, Standing after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Placement == ContentReach.Unlisted && after.Placement == ContentReach.Unlisted ? ContentReach.Unlisted
            : before.Placement != after.Placement || before.Listing != after.Listing ? ContentReach.EveryPage
            : after.Placement;
    }

    public static ContentReach Wider(ContentReach one, ContentReach other) => one > other ? one : other;
}

/// <summary>Where an article stands for readers: how widely it shows, and what ties it to other pages.</summary>
public sealed record Standing(ContentReach Placement, string? Listing)
{
    /// <summary>An article that does not exist yet.</summary>
    public static readonly Standing Absent = new(ContentReach.Unlisted, null);
}
