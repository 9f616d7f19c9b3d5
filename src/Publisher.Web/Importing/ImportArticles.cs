using Publisher.Core.Text;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Importing;

public enum SaveOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// The import's writes: articles upserted by slug in batches (all of a batch or none), skipped when the hash
/// of what they were made from did not change, and authors' biographies. Tests seed articles through it too.
/// </summary>
public sealed class ImportArticles(IDatabase database, ArticleRenderer renderer, ArticleChanges changes, TimeProvider clock)
{
    /// <summary>Creates or updates the article with this slug. With a <paramref name="sourceHash"/> equal to the stored one, writes nothing.</summary>
    public async Task<SaveOutcome> UpsertAsync(ArticleInput input, string? sourceHash, CancellationToken cancellationToken) =>
        (await UpsertManyAsync([new PreparedArticle(input, await renderer.RenderAsync(input, cancellationToken), sourceHash)], cancellationToken))[0];

    private const string StoredSql = "SELECT id AS Id, source_hash AS SourceHash FROM articles WHERE slug = @Slug";

    // An import changes the article too: an editor's copy loaded before it is now stale.
    private const string NextRevisionSql = "UPDATE articles SET revision = revision + 1 WHERE id = @Id";

    /// <summary>
    /// Creates or updates these articles, matched by slug, in one transaction (an import's batch): all are
    /// written or none. An article whose <see cref="PreparedArticle.SourceHash"/> equals the stored one is left alone.
    /// </summary>
    public async Task<IReadOnlyList<SaveOutcome>> UpsertManyAsync(IReadOnlyList<PreparedArticle> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var outcomes = new SaveOutcome[articles.Count];
        if (articles.Count == 0)
        {
            return outcomes;
        }
        var now = clock.GetUtcNow();
        var reach = ContentReach.Unlisted;
        var changed = new List<long>();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        for (var i = 0; i < articles.Count; i++)
        {
            var article = articles[i];
            var stored = await transaction.SingleOrDefaultAsync<StoredRow>(StoredSql, new { article.Input.Slug }, cancellationToken);
            if (stored is not null && article.SourceHash is not null && string.Equals(stored.SourceHash, article.SourceHash, StringComparison.Ordinal))
            {
                outcomes[i] = SaveOutcome.Unchanged;
                continue;
            }
            var before = stored is null ? Standing.Absent : await ChangeReach.StandingAsync(transaction, stored.Id, now, cancellationToken);
            var articleId = await ArticleRows.WriteAsync(transaction, article, now, cancellationToken);
            if (stored is not null)
            {
                await transaction.ExecuteAsync(NextRevisionSql, new { Id = articleId }, cancellationToken);
            }
            reach = ChangeReach.Wider(reach, ChangeReach.Between(before, await ChangeReach.StandingAsync(transaction, articleId, now, cancellationToken)));
            changed.Add(articleId);
            outcomes[i] = stored is null ? SaveOutcome.Created : SaveOutcome.Updated;
        }
        if (changed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        // One change is told precisely; a batch of listed articles touches too many pages to be worth it.
        await changes.CommitAsync(transaction, changed.Count == 1 ? new ContentChange(reach, changed[0])
            : reach == ContentReach.Unlisted ? new ContentChange(ContentReach.Unlisted)
            : ContentChange.EveryPage, cancellationToken);
        return outcomes;
    }

    private const string UpsertAuthorWithBioSql = """
        INSERT INTO authors (slug, name, bio) VALUES (@Slug, @Name, @Bio)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio
            WHERE authors.name IS DISTINCT FROM excluded.name OR authors.bio IS DISTINCT FROM excluded.bio
        """;

    /// <summary>Creates or updates an author's name and biography.</summary>
    public async Task UpsertAuthorAsync(string name, string? bio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ExecuteAsync(UpsertAuthorWithBioSql, new { Slug = Slug.From(name), Name = name.Trim(), Bio = bio }, cancellationToken) == 0)
        {
            return;
        }
        await ArticleRows.RecordChangeAsync(transaction, clock.GetUtcNow(), cancellationToken);
        // A biography shows on its author's page only.
        await changes.CommitAsync(transaction, new ContentChange(ContentReach.Listed), cancellationToken);
    }

    private sealed class StoredRow
    {
        public long Id { get; init; }
        public string? SourceHash { get; init; }
    }
}
