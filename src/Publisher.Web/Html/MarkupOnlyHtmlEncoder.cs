using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Publisher.Web.Html;

/// <summary>
/// Escapes only what HTML needs escaped: <c>&lt; &gt; &amp; " '</c> and control characters. The framework's
/// encoders, even allowed every Unicode range, still write no-break spaces (which French typography puts
/// before « : ; ! ? ») and <c>+</c> as entities; French text is served as the UTF-8 characters it is.
/// </summary>
public sealed class MarkupOnlyHtmlEncoder : HtmlEncoder
{
    public static readonly MarkupOnlyHtmlEncoder Instance = new();

    // The longest escape written: &#x10FFFF;
    public override int MaxOutputCharactersPerInputCharacter => 10;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            // Surrogates go to the framework, which pairs them and replaces a lone one by U+FFFD.
            if (NeedsEscape(span[i]) || char.IsSurrogate(span[i]))
            {
                return i;
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        // Called for every character after the first one to escape: characters that need none are copied
        // without allocating, as this runs for most text on every page.
        if (!WillEncode(unicodeScalar))
        {
            return Rune.TryCreate(unicodeScalar, out var rune) && rune.TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }
        var escape = unicodeScalar switch
        {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => null,
        };
        if (escape is null)
        {
            return output.TryWrite(CultureInfo.InvariantCulture, $"&#x{unicodeScalar:X};", out numberOfCharactersWritten);
        }
        if (!escape.AsSpan().TryCopyTo(output))
        {
            return false;
        }
        numberOfCharactersWritten = escape.Length;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar <= char.MaxValue ? NeedsEscape((char)unicodeScalar) : unicodeScalar > 0x10FFFF;

    private static bool NeedsEscape(char c) =>
        c is '<' or '>' or '&' or '"' or '\''
        || (char.IsControl(c) && c is not '\t' and not '\n' and not '\r')
        || c is '\uFFFE' or '\uFFFF';
}
