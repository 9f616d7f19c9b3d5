using Dapper;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Scheduling;

/// <summary>
/// Marks scheduled articles whose time has come as published, with a line each in the journal, records the change
/// (Last-Modified) and tells the caches of every node. The status is changed under the write lock, so two runs at
/// once (a node taking over the scheduler) cannot both publish, nor journal, the same article.
/// </summary>
public sealed partial class PublishDueArticles(IDatabase database, ArticleChanges changes, TimeProvider clock, ILogger<PublishDueArticles> logger)
{
    // Read first, outside the write lock: the scheduler looks every few seconds, and most times nothing is due.
    private const string AnyDueSql = "SELECT EXISTS (SELECT 1 FROM articles WHERE status = 'scheduled' AND published_at <= @Now)";

    internal const string GoLiveSql = "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND published_at <= @Now RETURNING id";

    // The later of the recorded change and now: CASE rather than SQLite's scalar MAX(a, b), which PostgreSQL lacks.
    private const string RecordSql = "UPDATE site_state SET content_changed_at = CASE WHEN content_changed_at > @Now THEN content_changed_at ELSE @Now END WHERE id = 1";

    /// <summary>Returns how many articles went live.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var now = DateTimeOffsetHandler.ToText(at);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyDueSql, new { Now = now }, cancellationToken: cancellationToken)))
            {
                return 0;
            }
        }
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var published = await transaction.QueryAsync<long>(GoLiveSql, new { Now = now }, cancellationToken);
        if (published.Count == 0)
        {
            return 0;
        }
        foreach (var id in published)
        {
            await AuditLog.WriteAsync(transaction, new AuditEntry(at, null, AuditLog.WentLive, id), cancellationToken);
        }
        await transaction.ExecuteAsync(RecordSql, new { Now = now }, cancellationToken);
        await changes.CommitAsync(transaction, ContentChange.EveryPage, cancellationToken);
        LogPublished(logger, published.Count);
        return published.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication: {Count} article(s) went live")]
    private static partial void LogPublished(ILogger logger, int count);
}
