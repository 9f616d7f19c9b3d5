using Microsoft.Extensions.Primitives;

namespace Publisher.Web.Caching;

/// <summary>
/// A value read from the published content and kept in memory until an article is saved
/// (<see cref="ArticleChanges"/>), until the next scheduled article goes live, or at most
/// <see cref="MaximumAge"/>. Times come from the app's one clock, so tests can move them.
/// </summary>
public sealed class LiveSnapshot<T>(ArticleChanges changes, TimeProvider clock)
    where T : class
{
    // Longest time a value is trusted without a signal, in case the database was changed behind the app's back.
    public static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(5);

    private Entry? _entry;

    // load reads the value at the given time and says when the next scheduled article goes live, if any.
    public async Task<T> GetAsync(Func<DateTimeOffset, CancellationToken, Task<(T Value, DateTimeOffset? NextScheduled)>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && !entry.Token.HasChanged && now < entry.ValidUntil)
        {
            return entry.Value;
        }
        // Watch before reading, so a save that lands during the read still clears what we read.
        var token = changes.Watch();
        var (value, next) = await load(now, cancellationToken);
        var validUntil = now + MaximumAge;
        if (next is not null && next < validUntil)
        {
            validUntil = next.Value;
        }
        Volatile.Write(ref _entry, new Entry(value, validUntil, token));
        return value;
    }

    private sealed record Entry(T Value, DateTimeOffset ValidUntil, IChangeToken Token);
}
