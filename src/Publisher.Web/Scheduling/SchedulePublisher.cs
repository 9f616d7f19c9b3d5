using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Operations;

namespace Publisher.Web.Scheduling;

/// <summary>
/// Puts scheduled articles live at their time, whether or not anyone visits. Of all the nodes sharing the
/// database, only the one holding the scheduler's lease does; the others wait for it, and one takes over as
/// soon as the holder's connection ends (it stopped, died, or lost the database). The holder sleeps until the
/// next article's time, at most <see cref="LeaseCheck"/>, and wakes at any change on any node, since a save may
/// have scheduled an earlier one.
/// </summary>
public sealed partial class SchedulePublisher(PublishDueArticles publishDue, IDatabase database, ArticleChanges changes, TimeProvider clock, IConfiguration configuration, ILogger<SchedulePublisher> logger) : BackgroundService
{
    // How often the holder looks at what is due and checks that it still holds the lease. After losing it
    // unawares, it might publish for this long plus the check's own timeout (5 s); the go-live statement, under
    // the write lock, still publishes and journals each article once.
    internal static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(2);

    private readonly string _node = NodeName.Of(configuration);

    private volatile bool _holdsLease;

    /// <summary>Whether this node runs scheduled publication now.</summary>
    public bool HoldsLease => _holdsLease;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The others wait here, each on its own connection: PostgreSQL hands the lease to one of them
                // as soon as the holder's session ends.
                await using var lease = await database.TakeLeaseAsync(DatabaseLease.Scheduler, stoppingToken);
                await PublishWhileHeldAsync(lease, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: whatever the shutdown broke on the way (a cancelled wait, a disposed connection).
                return;
            }
            catch (Exception e)
            {
                // A locked, unreachable or failing database, or any other fault, delays publication: it must not
                // stop the site, which an exception leaving this method would do.
                _holdsLease = false;
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

    private async Task PublishWhileHeldAsync(IHeldLease lease, CancellationToken stoppingToken)
    {
        _holdsLease = true;
        LogTookOver(logger, _node);
        try
        {
            do
            {
                // Watched before reading, so a save landing during the read still wakes the sleep below.
                var changed = changes.NextChange;
                await publishDue.PublishAsync(stoppingToken);
                var next = await NextScheduled.ReadAsync(database, clock.GetUtcNow(), stoppingToken);
                var sleep = next is null ? LeaseCheck : TimeSpan.FromTicks(Math.Clamp((next.Value - clock.GetUtcNow()).Ticks, 0, LeaseCheck.Ticks));
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
                try
                {
                    await Task.Delay(sleep, clock, wake.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A change: look again at what is due.
                }
            }
            while (await lease.IsHeldAsync(stoppingToken));
            LogLost(logger);
        }
        finally
        {
            _holdsLease = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node ({Node}) now runs scheduled publication")]
    private static partial void LogTookOver(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node lost the scheduler's lease with its database connection; another node may take over")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled publication could not run; retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publication failed on an error that waiting may not cure; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
