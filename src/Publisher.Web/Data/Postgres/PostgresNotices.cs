using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Publisher.Web.Data.Postgres;

/// <summary>
/// Notices between the nodes over PostgreSQL's <c>LISTEN</c>/<c>NOTIFY</c>. A notice sent in a write transaction
/// is delivered when it commits, so no node hears of a change that did not happen, nor misses one that did while
/// it listens. Each node listens on a connection of its own; when that connection drops, the node hears of
/// nothing until it is back, so it drops everything it kept then, and again once it listens: notices sent while
/// it was away are lost by design, and it starts clean. The connection is checked every few seconds, so a
/// silent network failure is found out too.
/// </summary>
public sealed partial class PostgresNotices(PostgresDatabase database, IServiceProvider services, ILogger<PostgresNotices> logger)
    : BackgroundService, INodeNotices
{
    /// <summary>The channel, per database: the nodes of one site, and only them, share it.</summary>
    public const string Channel = "publisher_changes";

    /// <summary>The listening session's name in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "Publisher: change notices";

    private const string NotifySql = $"SELECT pg_notify('{Channel}', @Notice)";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetryWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    public bool Listening => _listening;

    public string Status => _listening ? $"listening on {Channel}" : "not listening: other nodes' changes would go unheard";

    public Task SendAsync(WriteTransaction transaction, string notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteAsync(NotifySql, new { Notice = notice }, cancellationToken);
    }

    public async Task SendAsync(string notice, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken);
        await using var notify = new NpgsqlCommand(NotifySql, connection);
        notify.Parameters.AddWithValue("Notice", notice);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the receivers (the caches) send notices through this very service.
        var receivers = services.GetServices<INodeNoticeReceiver>().ToArray();
        var wait = FirstRetryWait;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ListenAsync(receivers, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: whatever the shutdown broke on the way (a cancelled wait, a disposed connection).
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong (the connection, the server, a cache), the node must go on serving and
                // listen again: an exception leaving this method would stop the whole site.
                var wasListening = _listening;
                _listening = false;
                if (wasListening)
                {
                    LogLost(logger, e);
                }
                else
                {
                    LogStillAway(logger, e.Message);
                }
                // Back to a quick retry only after a connection that lasted: one that fails at once every
                // time is retried ever more slowly, not four times a second.
                if (wasListening && Stopwatch.GetElapsedTime(started) > StableConnection)
                {
                    wait = FirstRetryWait;
                }
                await TryMissedAsync(receivers);
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetryWait.Ticks));
            }
        }
    }

    private async Task ListenAsync(INodeNoticeReceiver[] receivers, CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenDedicatedAsync(ApplicationName, stoppingToken);
        // Concurrent, in case the driver reads a notification outside this loop's own reads.
        var received = new ConcurrentQueue<string>();
        // Raised while the connection reads (in WaitAsync or a command), on this loop's own flow.
        connection.Notification += (_, notification) => received.Enqueue(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        _listening = true;
        LogListening(logger);
        // Whatever was kept before now was kept without hearing of changes.
        await MissedAsync(receivers);
        while (true)
        {
            var heard = await connection.WaitAsync(Heartbeat, stoppingToken);
            if (!heard)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)Heartbeat.TotalSeconds };
                await ping.ExecuteNonQueryAsync(stoppingToken);
            }
            while (received.TryDequeue(out var notice))
            {
                foreach (var receiver in receivers)
                {
                    await receiver.ReceiveAsync(notice);
                }
            }
        }
    }

    private static async Task MissedAsync(INodeNoticeReceiver[] receivers)
    {
        foreach (var receiver in receivers)
        {
            await receiver.NoticesMissedAsync();
        }
    }

    private async Task TryMissedAsync(INodeNoticeReceiver[] receivers)
    {
        try
        {
            await MissedAsync(receivers);
        }
        catch (Exception e)
        {
            LogNotDropped(logger, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _listening = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other nodes' change notices")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that hears other nodes' change notices; cached pages dropped, reconnecting")]
    private static partial void LogLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not drop the pages kept while not listening for other nodes' change notices")]
    private static partial void LogNotDropped(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Still not listening for other nodes' change notices: {Reason}")]
    private static partial void LogStillAway(ILogger logger, string reason);
}
