using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>Deletes an account's working copy of an article: « Ignorer », or the article's deletion (a save deletes it in its own transaction).</summary>
public sealed class DiscardWorkingCopy(IDatabase database)
{
    private const string DiscardSql = """
        DELETE FROM working_copies WHERE user_id = @UserId AND (article_id = @ArticleId OR (article_id IS NULL AND @ArticleId IS NULL))
        """;

    /// <summary>Deletes the account's copy of the article (of its new article when <paramref name="articleId"/> is null), if it has one.</summary>
    public async Task DiscardAsync(long userId, long? articleId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(DiscardSql, new { UserId = userId, ArticleId = articleId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
