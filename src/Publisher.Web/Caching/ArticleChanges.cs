using Microsoft.Extensions.Primitives;

namespace Publisher.Web.Caching;

/// <summary>How far a write reaches into what readers see, so that caches drop no more than they must.</summary>
public enum ContentReach
{
    /// <summary>An article readers cannot see, before or after (a draft, a scheduled article): no public page changed.</summary>
    Unlisted = 0,

    /// <summary>A listed article changed in place: its page and the pages that list or link to it (lists, feeds, sitemaps, search, « À lire aussi »).</summary>
    Listed = 1,

    /// <summary>What every page shows may have changed: « Les derniers articles », the sections in the header.</summary>
    EveryPage = 2,
}

/// <summary>Constants of the reach rule.</summary>
public static class ContentReachRule
{
    /// <summary>How many of the latest articles every page shows (« Les derniers articles »).</summary>
    public const int LatestOnEveryPage = 5;
}

/// <summary>One write to the published content, as caches need to hear of it.</summary>
public readonly record struct ContentChange(ContentReach Reach, long? ArticleId = null)
{
    public static readonly ContentChange EveryPage = new(ContentReach.EveryPage);
}

/// <summary>Something kept from the content (a page cache) that must drop what a change made stale.</summary>
public interface IContentChangeListener
{
    ValueTask OnChangedAsync(ContentChange change);
}

/// <summary>
/// Tells caches that the published content changed (a save, a publish, an import). Each <see cref="Watch"/>
/// token fires once, at the next change; listeners (the page cache) hear what the change reached.
/// </summary>
public sealed class ArticleChanges(IEnumerable<IContentChangeListener> listeners) : IDisposable
{
    private readonly IContentChangeListener[] _listeners = [.. listeners];
    private CancellationTokenSource _current = new();
    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    /// <summary>Called once the write is committed; not cancellable, since stale caches must go whatever became of the request.</summary>
    public async ValueTask NotifyAsync(ContentChange change)
    {
        // The old source is cancelled, not disposed: a reader may be taking its token at this very moment.
        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
        foreach (var listener in _listeners)
        {
            await listener.OnChangedAsync(change);
        }
    }

    public void Dispose() => _current.Dispose();
}
