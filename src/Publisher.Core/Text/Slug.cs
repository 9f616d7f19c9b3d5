using System.Text;

namespace Publisher.Core.Text;

/// <summary>The one rule that turns French text into a URL segment: « L’art de la désinformation » → <c>l-art-de-la-desinformation</c>.</summary>
public static class Slug
{
    /// <summary>Longest slug produced; longer text is cut on a word boundary.</summary>
    public const int MaxLength = 80;

    /// <summary>
    /// Lower-case ASCII letters and digits joined by single hyphens, accents folded (é → e, œ → oe),
    /// apostrophes and punctuation treated as word breaks. Returns an empty string when nothing is left.
    /// </summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in TextFolding.Fold(text))
        {
            if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9'))
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }
            if (pendingHyphen)
            {
                builder.Append('-');
                pendingHyphen = false;
            }
            builder.Append(c);
        }
        return Truncate(builder.ToString());
    }

    /// <summary>True when <paramref name="candidate"/> is already in the form <see cref="From"/> produces.</summary>
    public static bool IsValid(string candidate) =>
        !string.IsNullOrEmpty(candidate) && string.Equals(From(candidate), candidate, StringComparison.Ordinal);

    private static string Truncate(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }
        var cut = slug.LastIndexOf('-', MaxLength);
        var truncated = cut > 0 ? slug[..cut] : slug[..MaxLength];
        // An elided word (« d’âge », « l’État ») cut after its apostrophe would leave a lone letter: drop it too.
        var last = truncated.LastIndexOf('-');
        return last > 0 && truncated.Length - last == 2 && truncated[^1] is 'c' or 'd' or 'j' or 'l' or 'm' or 'n' or 's' or 't'
            ? truncated[..last]
            : truncated;
    }
}
