using Publisher.Core.Content;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>A new preview link: its address, shown once (only its hash is kept), and when it stops working.</summary>
public sealed record CreatedPreviewLink(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Creates a preview link for a draft or scheduled article, with its journal line, in one transaction. A live
/// or deleted article gets none: readers already see the one, and the other is gone.
/// </summary>
public sealed class CreatePreviewLink(IDatabase database, TimeProvider clock)
{
    /// <summary>Links past their expiry for this long go: their address answers « Page introuvable » instead of « expiré ».</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(90);

    private const string PruneSql = "DELETE FROM preview_links WHERE expires_at < @ExpiredBefore";

    private const string PreviewableSql = $"SELECT COUNT(*) FROM articles a WHERE a.id = @Id AND a.deleted_at IS NULL AND NOT ({Published.Filter})";

    private const string InsertSql = """
        INSERT INTO preview_links (token_hash, article_id, created_by, created_at, expires_at)
        VALUES (@TokenHash, @ArticleId, @UserId, @Now, @ExpiresAt)
        """;

    /// <summary>Null when the article is missing, deleted or live.</summary>
    public async Task<CreatedPreviewLink?> CreateAsync(long articleId, int days, long userId, CancellationToken cancellationToken)
    {
        if (!PreviewLinkQueries.Durations.Contains(days))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "A preview link lasts one of PreviewLinkQueries.Durations.");
        }
        var now = clock.GetUtcNow();
        var token = PreviewTokens.New();
        var expiresAt = now.AddDays(days);
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ScalarAsync<long>(PreviewableSql, new { Id = articleId, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken) == 0)
        {
            return null;
        }
        await transaction.ExecuteAsync(PruneSql, new { ExpiredBefore = DateTimeOffsetHandler.ToText(now - KeptAfterExpiry) }, cancellationToken);
        await transaction.ExecuteAsync(InsertSql, new
        {
            TokenHash = PreviewTokens.Hash(token),
            ArticleId = articleId,
            UserId = userId,
            Now = DateTimeOffsetHandler.ToText(now),
            ExpiresAt = DateTimeOffsetHandler.ToText(expiresAt),
        }, cancellationToken);
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.PreviewLinkCreated, articleId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedPreviewLink(token, expiresAt);
    }
}
