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
    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(5);

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
        var wait = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(receivers, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                var wasListening = _listening;
                _listening = false;
                if (wasListening)
                {
                    LogLost(logger, e);
                    wait = TimeSpan.FromMilliseconds(250);
                }
                else
                {
                    LogStillAway(logger, e.Message);
                }
                await MissedAsync(receivers);
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetryWait.Ticks));
            }
        }
    }

    private async Task ListenAsync(INodeNoticeReceiver[] receivers, CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenDedicatedAsync(stoppingToken);
        var received = new Queue<string>();
        // Raised while the connection reads (in WaitAsync or a command), on this loop's own flow.
        connection.Notification += (_, notification) => received.Enqueue(notification.Payload);
        // Named, so that an operator finds it among the sessions (pg_stat_activity).
        await using (var listen = new NpgsqlCommand($"SET application_name = '{ApplicationName}'; LISTEN {Channel}", connection))
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _listening = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other nodes' change notices")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that hears other nodes' change notices; cached pages dropped, reconnecting")]
    private static partial void LogLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Still not listening for other nodes' change notices: {Reason}")]
    private static partial void LogStillAway(ILogger logger, string reason);
}
