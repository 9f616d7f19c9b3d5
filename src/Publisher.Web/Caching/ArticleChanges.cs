using System.Globalization;
using Microsoft.Extensions.Primitives;
using Publisher.Web.Data;
using Publisher.Web.Operations;

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
/// Tells caches that the published content changed (a save, a publish, an import), on this node and on every
/// other node sharing the database. Each <see cref="Watch"/> token fires once, at the next change; listeners
/// (the page cache) hear what the change reached. A change made here is told to the others with its commit
/// (<see cref="CommitAsync"/>); theirs arrive as notices (<see cref="INodeNoticeReceiver"/>).
/// </summary>
public sealed partial class ArticleChanges(IEnumerable<IContentChangeListener> listeners, INodeNotices notices, TimeProvider clock, PublisherMetrics metrics, ILogger<ArticleChanges> logger)
    : INodeNoticeReceiver, IDisposable
{
    private readonly IContentChangeListener[] _listeners = [.. listeners];

    // Tells this process's own notices, which come back to it, from the other nodes'.
    private readonly string _origin = Guid.NewGuid().ToString("N");

    private CancellationTokenSource _current = new();

    public IChangeToken Watch() => new CancellationChangeToken(NextChange);

    /// <summary>Cancelled at the next change, here or on another node.</summary>
    public CancellationToken NextChange => Volatile.Read(ref _current).Token;

    /// <summary>
    /// Commits the write, then drops what it made stale here; the other nodes hear of it with the commit itself,
    /// so none misses a change that happened or hears of one that did not.
    /// </summary>
    public async Task CommitAsync(WriteTransaction transaction, ContentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await notices.SendAsync(transaction, Encode(change), cancellationToken);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // The commit may have happened all the same (its answer lost, or cancelled while it ran); this node
            // ignores its own notice, so it drops what the change would have made stale, needlessly at worst.
            await ApplyAsync(change);
            throw;
        }
        await ApplyAsync(change);
    }

    /// <summary>
    /// For a change that took several transactions, once the last one committed. Not cancellable, since stale
    /// caches must go whatever became of the request.
    /// </summary>
    public async ValueTask NotifyAsync(ContentChange change)
    {
        await ApplyAsync(change);
        try
        {
            await notices.SendAsync(Encode(change), CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or TimeoutException)
        {
            // The change is made; the other nodes drop their copies at the latest when they expire.
            LogNotSent(logger, e);
        }
    }

    public async ValueTask ReceiveAsync(string notice)
    {
        var parts = notice.Split(' ');
        if (parts.Length == 4 && parts[0] == _origin)
        {
            return;
        }
        if (parts.Length == 4
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var reach) && Enum.IsDefined((ContentReach)reach)
            && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var sentAt))
        {
            long? articleId = long.TryParse(parts[2], CultureInfo.InvariantCulture, out var id) ? id : null;
            await ApplyAsync(new ContentChange((ContentReach)reach, articleId));
            metrics.ChangeNoticeApplied(clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(sentAt));
            return;
        }
        // From a newer or older build: whatever it says, dropping everything is right.
        LogUnreadable(logger, notice);
        await ApplyAsync(ContentChange.EveryPage);
    }

    public ValueTask NoticesMissedAsync() => ApplyAsync(ContentChange.EveryPage);

    // What a node needs to drop the same pages: who sent it, the reach, the article, when.
    private string Encode(ContentChange change) => string.Create(CultureInfo.InvariantCulture,
        $"{_origin} {(int)change.Reach} {(change.ArticleId is { } id ? id : "-")} {clock.GetUtcNow().ToUnixTimeMilliseconds()}");

    private async ValueTask ApplyAsync(ContentChange change)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The other nodes were not told of a change; their cached pages expire within minutes")]
    private static partial void LogNotSent(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change notice this build cannot read ({Notice}): every cached page dropped")]
    private static partial void LogUnreadable(ILogger logger, string notice);
}
