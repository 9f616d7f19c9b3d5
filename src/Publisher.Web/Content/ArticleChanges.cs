using Microsoft.Extensions.Primitives;

namespace Publisher.Web.Content;

/// <summary>
/// Tells caches that the published content changed (a save, a publish, an import). Each <see cref="Watch"/>
/// token fires once, at the next change.
/// </summary>
public sealed class ArticleChanges(TimeProvider clock) : IDisposable
{
    private CancellationTokenSource _current = new();
    private long _lastNotifiedTicks;

    /// <summary>When this process last saw a change, to the second (HTTP dates have no finer grain).</summary>
    public DateTimeOffset? LastNotified
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastNotifiedTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    public void Notify()
    {
        var now = clock.GetUtcNow();
        Interlocked.Exchange(ref _lastNotifiedTicks, now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond));
        // The old source is cancelled, not disposed: a reader may be taking its token at this very moment.
        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
    }

    public void Dispose() => _current.Dispose();
}
