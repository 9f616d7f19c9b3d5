using System.Globalization;
using Publisher.Web.Caching;

namespace Publisher.Web.Pages.Shared;

/// <summary>
/// Keys for the parts of the layout kept rendered by <c>&lt;cache&gt;</c> (the header, « Les derniers
/// articles »). Each snapshot they are drawn from takes a new key, so a change shows at once and the old
/// renderings are never read again; they expire after <see cref="Lifetime"/>.
/// </summary>
public static class FragmentKeys
{
    public static readonly TimeSpan Lifetime = LiveSnapshot<object>.MaximumAge;

    private static long _last;

    public static string Next() => Interlocked.Increment(ref _last).ToString(CultureInfo.InvariantCulture);
}
