using Microsoft.Extensions.Primitives;

namespace Publisher.Web.Content;

/// <summary>
/// Tells caches that the published content changed (a save, a publish, an import). Each <see cref="Watch"/>
/// token fires once, at the next change.
/// </summary>
public sealed class ArticleChanges : IDisposable
{
    private CancellationTokenSource _current = new();
    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    public void Notify()
    {
        // The old source is cancelled, not disposed: a reader may be taking its token at this very moment.
        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
    }

    public void Dispose() => _current.Dispose();
}
