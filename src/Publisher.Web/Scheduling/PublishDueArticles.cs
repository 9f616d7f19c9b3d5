using Publisher.Web.Caching;
using Publisher.Web.Data;

namespace Publisher.Web.Scheduling;

/// <summary>Marks scheduled articles whose time has come as published, records the change (Last-Modified) and tells the caches.</summary>
public sealed partial class PublishDueArticles(IDatabase database, ArticleChanges changes, TimeProvider clock, ILogger<PublishDueArticles> logger)
{
    internal const string GoLiveSql = "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND published_at <= @Now";

    // The later of the recorded change and now: CASE rather than SQLite's scalar MAX(a, b), which PostgreSQL lacks.
    private const string RecordSql = "UPDATE site_state SET content_changed_at = CASE WHEN content_changed_at > @Now THEN content_changed_at ELSE @Now END WHERE id = 1";

    /// <summary>Returns how many articles went live.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffsetHandler.ToText(clock.GetUtcNow());
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var published = await transaction.ExecuteAsync(GoLiveSql, new { Now = now }, cancellationToken);
        if (published == 0)
        {
            return 0;
        }
        await transaction.ExecuteAsync(RecordSql, new { Now = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.NotifyAsync(ContentChange.EveryPage);
        LogPublished(logger, published);
        return published;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication: {Count} article(s) went live")]
    private static partial void LogPublished(ILogger logger, int count);
}
