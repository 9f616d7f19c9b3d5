using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// Brings back an earlier revision's words and pictures as one more save (history only grows), refused like any
/// save when someone saved since the editor loaded the history. What readers reach is not content: the address,
/// the status and the publication date stay as they are now (unpublishing is its own act, in the editor). The
/// journal's line is written in the save's own transaction.
/// </summary>
public sealed class RestoreRevision(IDatabase database, EditorQueries articles, SaveArticle save, ArticleChanges changes, TimeProvider clock)
{
    /// <summary>Null when the article or the revision does not exist.</summary>
    public async Task<EditorSaveResult?> RestoreAsync(long articleId, int revision, int expectedRevision, long userId, bool mayCreateTopics, CancellationToken cancellationToken)
    {
        var chosen = await articles.RevisionAsync(articleId, revision, cancellationToken);
        var current = await articles.FindAsync(articleId, cancellationToken);
        if (chosen is null || current is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // Read outside the write lock: a save in between moves the revision, and the save below refuses as a conflict.
        var content = chosen.Article with
        {
            Slug = current.Slug,
            Status = ArticleRows.StatusOf(current.Status),
            PublishedAt = current.PublishedAt,
            UpdatedAt = current.UpdatedAt,
        };
        // Bringing back the revision's section is deliberate: it is created again if it is gone and who restores may.
        var request = new ArticleSave(articleId, expectedRevision, content, userId, MayCreateTopics: mayCreateTopics, CreatesSection: true);
        var prepared = await save.PrepareAsync(request, now, cancellationToken);
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var (result, reach) = await save.WriteAsync(transaction, request, prepared, now, cancellationToken);
        if (result is not EditorSaveResult.Saved)
        {
            return result;
        }
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.RevisionRestored, articleId), cancellationToken);
        await changes.CommitAsync(transaction, new ContentChange(reach, articleId), CancellationToken.None);
        return result;
    }
}
