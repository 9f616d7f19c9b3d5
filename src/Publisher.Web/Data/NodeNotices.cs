namespace Publisher.Web.Data;

/// <summary>
/// Short messages between the processes that share the database (the nodes of one site behind a load
/// balancer): each tells the others what it changed, so that their caches drop it. PostgreSQL carries them
/// with <c>LISTEN</c>/<c>NOTIFY</c>; a SQLite site is one node, with nobody to tell.
/// </summary>
public interface INodeNotices
{
    /// <summary>True while this process hears the others' notices; always, with one node.</summary>
    bool Listening { get; }

    /// <summary>What <c>/readyz</c> says of it.</summary>
    string Status { get; }

    /// <summary>Sent with the transaction: the others receive it once it commits, and never if it rolls back.</summary>
    Task SendAsync(WriteTransaction transaction, string notice, CancellationToken cancellationToken);

    /// <summary>Sent at once, for a change that took several transactions.</summary>
    Task SendAsync(string notice, CancellationToken cancellationToken);
}

/// <summary>One node (a SQLite site, a command writing to a fresh database): there is nobody to tell of a change, and it always hears itself.</summary>
public sealed class SingleNodeNotices : INodeNotices, IHostedService
{
    public bool Listening => true;

    public string Status => "one node";

    public Task SendAsync(WriteTransaction transaction, string notice, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendAsync(string notice, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What this process does with the notices of the others.</summary>
public interface INodeNoticeReceiver
{
    ValueTask ReceiveAsync(string notice);

    /// <summary>Notices may have been missed (the connection that hears them dropped, or has just been opened): whatever was kept from the data may be stale.</summary>
    ValueTask NoticesMissedAsync();
}

/// <summary>
/// A lock held by one process at a time among all that share the database, until it is disposed or the
/// process dies: the scheduler's, so that one node publishes what is due; the start-up's, so that one node
/// migrates and imports while the others wait.
/// </summary>
public enum DatabaseLease
{
    Scheduler,
    Startup,
}

/// <summary>A <see cref="DatabaseLease"/> this process holds.</summary>
public interface IHeldLease : IAsyncDisposable
{
    /// <summary>False once the lease was lost with the connection that held it: another process may hold it now.</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellationToken);
}
