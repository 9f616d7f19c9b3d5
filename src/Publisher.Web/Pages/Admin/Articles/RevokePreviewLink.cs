using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>Ends a preview link at once, with its journal line, in one transaction: its address answers « révoqué » from then on.</summary>
public sealed class RevokePreviewLink(IDatabase database, TimeProvider clock)
{
    private const string RevokeSql = "UPDATE preview_links SET revoked_at = @Now WHERE id = @Id AND article_id = @ArticleId AND revoked_at IS NULL";

    /// <summary>False when the article has no such link, or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(long articleId, long linkId, long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ExecuteAsync(RevokeSql, new { Id = linkId, ArticleId = articleId, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken) == 0)
        {
            return false;
        }
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.PreviewLinkRevoked, articleId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
