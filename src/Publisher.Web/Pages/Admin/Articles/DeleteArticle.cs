using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// Deletes an article, and brings a deleted one back as it was: readers get 410 Gone at its addresses (current
/// and former) meanwhile. The mark, its journal line and the site's change time go in one transaction.
/// </summary>
public sealed class DeleteArticle(IDatabase database, ArticleChanges changes, TimeProvider clock)
{
    private const string DeleteSql = "UPDATE articles SET deleted_at = @Now WHERE id = @Id AND deleted_at IS NULL";

    /// <summary>False if there was nothing to delete.</summary>
    public Task<bool> DeleteAsync(long articleId, long userId, CancellationToken cancellationToken) =>
        MarkAsync(DeleteSql, articleId, userId, AuditLog.Deleted, cancellationToken);

    private const string RestoreSql = "UPDATE articles SET deleted_at = NULL WHERE id = @Id AND deleted_at IS NOT NULL";

    /// <summary>False if it was not deleted.</summary>
    public Task<bool> RestoreAsync(long articleId, long userId, CancellationToken cancellationToken) =>
        MarkAsync(RestoreSql, articleId, userId, AuditLog.Restored, cancellationToken);

    private async Task<bool> MarkAsync(string sql, long articleId, long userId, string action, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var before = await ChangeReach.StandingAsync(transaction, articleId, now, cancellationToken);
        if (await transaction.ExecuteAsync(sql, new { Id = articleId, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken) == 0)
        {
            return false;
        }
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, action, articleId), cancellationToken);
        await ArticleRows.RecordChangeAsync(transaction, now, cancellationToken);
        var after = await ChangeReach.StandingAsync(transaction, articleId, now, cancellationToken);
        await changes.CommitAsync(transaction, new ContentChange(ChangeReach.Between(before, after), articleId), cancellationToken);
        return true;
    }
}
