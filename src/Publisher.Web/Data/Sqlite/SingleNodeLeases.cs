namespace Publisher.Web.Data.Sqlite;

/// <summary>
/// Leases within one process: the site is the only process that publishes on schedule or starts up on a
/// SQLite file (the commands beside it do neither), and SQLite's write lock already orders its writers.
/// </summary>
public sealed class SingleNodeLeases
{
    private readonly Dictionary<DatabaseLease, SemaphoreSlim> _gates = Enum.GetValues<DatabaseLease>().ToDictionary(lease => lease, _ => new SemaphoreSlim(1, 1));

    public async Task<IHeldLease?> TryTakeAsync(DatabaseLease lease, CancellationToken cancellationToken) =>
        await _gates[lease].WaitAsync(TimeSpan.Zero, cancellationToken) ? new Held(_gates[lease]) : null;

    public async Task<IHeldLease> TakeAsync(DatabaseLease lease, CancellationToken cancellationToken)
    {
        await _gates[lease].WaitAsync(cancellationToken);
        return new Held(_gates[lease]);
    }

    private sealed class Held(SemaphoreSlim gate) : IHeldLease
    {
        private int _released;

        public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _released) == 0);

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
