using System.Data.Common;
using Publisher.Web.Caching;
using Publisher.Web.Data;

namespace Publisher.Web.Scheduling;

/// <summary>Puts scheduled articles live at their minute, whether or not anyone visits, then sleeps until the next one.</summary>
public sealed partial class SchedulePublisher(PublishDueArticles publishDue, IDatabase database, TimeProvider clock, ILogger<SchedulePublisher> logger) : BackgroundService
{
    // Checked at least this often, so that an article scheduled by another process is not missed for long.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await publishDue.PublishAsync(stoppingToken);
                var next = await NextScheduled.ReadAsync(database, clock.GetUtcNow(), stoppingToken);
                var sleep = next is null ? LongestSleep : TimeSpan.FromTicks(Math.Clamp((next.Value - clock.GetUtcNow()).Ticks, 0, LongestSleep.Ticks));
                await Task.Delay(sleep, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException || database.IsTransient(e))
            {
                // A locked, unreachable or failing database delays publication; it must not stop the site.
                if (database.IsTransient(e))
                {
                    LogRetrying(logger, e);
                }
                else
                {
                    LogFailed(logger, e);
                }
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled publication could not run; retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publication failed on a database error that waiting will not cure; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
