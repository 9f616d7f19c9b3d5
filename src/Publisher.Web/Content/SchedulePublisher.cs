using Dapper;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Content;

/// <summary>
/// Puts scheduled articles live at their minute, whether or not anyone visits: marks them published,
/// records the change (Last-Modified) and tells the caches, then sleeps until the next one.
/// </summary>
public sealed partial class SchedulePublisher(SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock, ILogger<SchedulePublisher> logger) : BackgroundService
{
    // Checked at least this often, so that an article scheduled by another process is not missed for long.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    internal const string GoLiveSql = "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND published_at <= @Now";

    private const string RecordSql = "UPDATE site_state SET content_changed_at = MAX(content_changed_at, @Now) WHERE id = 1";

    /// <summary>Publishes what is due; returns how many articles went live.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = DateTimeOffsetHandler.ToText(clock.GetUtcNow());
        var published = await connection.ExecuteAsync(new CommandDefinition(GoLiveSql, new { Now = now }, transaction, cancellationToken: cancellationToken));
        if (published > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(RecordSql, new { Now = now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        if (published > 0)
        {
            await changes.NotifyAsync(ContentChange.EveryPage);
            LogPublished(logger, published);
        }
        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishDueAsync(stoppingToken);
                TimeSpan sleep;
                await using (var connection = await connections.OpenAsync(stoppingToken))
                {
                    var next = await Published.NextScheduledAsync(connection, clock.GetUtcNow(), stoppingToken);
                    sleep = next is null ? LongestSleep : TimeSpan.FromTicks(Math.Clamp((next.Value - clock.GetUtcNow()).Ticks, 0, LongestSleep.Ticks));
                }
                await Task.Delay(sleep, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // A locked or unreachable database delays publication; it must not stop the service.
                LogFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication: {Count} article(s) went live")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled publication could not run; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
