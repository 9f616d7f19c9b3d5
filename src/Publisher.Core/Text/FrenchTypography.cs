using System.Text;
using System.Text.RegularExpressions;

namespace Publisher.Core.Text;

/// <summary>
/// French typographic spacing and punctuation for running text: a narrow no-break space (U+202F) before
/// <c>; ! ?</c> and inside « », a no-break space (U+00A0) before <c>:</c>, typographic apostrophes,
/// « » for straight double quotes, the ellipsis character and grouped thousands.
/// </summary>
/// <remarks>
/// A space the author typed where a no-break space belongs is replaced, never doubled. URLs, e-mail
/// addresses, times (14:30), ratios (3:1) and emoticons are left alone. An instance carries the context
/// between the text nodes of one block (the character before, open quotes), so that
/// <c>&lt;em&gt;Vraiment&lt;/em&gt;?</c> is spaced like <c>Vraiment?</c>.
/// </remarks>
public sealed partial class FrenchTypography
{
    /// <summary>U+202F, before ; ! ? and inside « ».</summary>
    public const char NarrowNoBreakSpace = '\u202F';

    /// <summary>U+00A0, before :.</summary>
    public const char NoBreakSpace = '\u00A0';

    private char _previous;
    private int _quoteDepth;

    /// <summary>Applies the rules to a standalone text such as a title or a standfirst.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FrenchTypography().Next(text);
    }

    /// <summary>Starts a new block (paragraph, heading, list item): forgets the previous character and open quotes.</summary>
    public void StartBlock()
    {
        _previous = '\0';
        _quoteDepth = 0;
    }

    /// <summary>Records an opaque inline item (inline code, an image) that reads as a word in the sentence.</summary>
    public void SkipWord() => _previous = 'x';

    /// <summary>Applies the rules to the next text node of the current block.</summary>
    public string Next(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }
        var output = new StringBuilder(text.Length + 8);
        var position = 0;
        foreach (var match in ProtectedSpans().EnumerateMatches(text))
        {
            Transform(text.AsSpan(position, match.Index - position), output);
            output.Append(text.AsSpan(match.Index, match.Length));
            _previous = text[match.Index + match.Length - 1];
            position = match.Index + match.Length;
        }
        Transform(text.AsSpan(position), output);
        return output.ToString();
    }

    private void Transform(ReadOnlySpan<char> text, StringBuilder output)
    {
        var start = output.Length;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\'' when char.IsLetterOrDigit(Previous(output, start)):
                    Emit(output, '’');
                    break;
                case '.' when next == '.' && i + 2 < text.Length && text[i + 2] == '.':
                    Emit(output, '…');
                    i += 2;
                    break;
                case '"' when IsOpeningQuote(Previous(output, start), next):
                    if (_quoteDepth == 0)
                    {
                        if (Previous(output, start) == ':')
                        {
                            Emit(output, ' ');
                        }
                        OpenGuillemet(output);
                        i = SkipSpaces(text, i);
                    }
                    else
                    {
                        Emit(output, '“');
                        _quoteDepth = 2;
                    }
                    break;
                case '"' when _quoteDepth == 2:
                    Emit(output, '”');
                    _quoteDepth = 1;
                    break;
                case '"' when _quoteDepth == 1:
                    SpaceBefore(output, start, NarrowNoBreakSpace, '»');
                    _quoteDepth = 0;
                    break;
                case '«':
                    OpenGuillemet(output);
                    i = SkipSpaces(text, i);
                    break;
                case '»':
                    SpaceBefore(output, start, NarrowNoBreakSpace, '»');
                    _quoteDepth = 0;
                    break;
                case ';' or ':' when IsEmoticonEye(next):
                    Emit(output, c);
                    break;
                case ';' or ':' or '!' or '?' when IsPunctuationEnd(next):
                    if (Previous(output, start) is '?' or '!' or '\0')
                    {
                        Emit(output, c);
                    }
                    else
                    {
                        SpaceBefore(output, start, c == ':' ? NoBreakSpace : NarrowNoBreakSpace, c);
                    }
                    break;
                case '%' when char.IsDigit(BeforeSpaces(output, start)):
                    SpaceBefore(output, start, NarrowNoBreakSpace, '%');
                    break;
                case ' ' or NoBreakSpace or NarrowNoBreakSpace when IsThousandsGap(text, i, output, start):
                    Emit(output, NarrowNoBreakSpace);
                    break;
                default:
                    Emit(output, c);
                    break;
            }
        }
    }

    private void Emit(StringBuilder output, char c)
    {
        output.Append(c);
        _previous = c;
    }

    private void OpenGuillemet(StringBuilder output)
    {
        output.Append('«').Append(NarrowNoBreakSpace);
        _previous = NarrowNoBreakSpace;
        _quoteDepth = 1;
    }

    /// <summary>Replaces the spaces typed before <paramref name="mark"/> (if any) by <paramref name="space"/>.</summary>
    private void SpaceBefore(StringBuilder output, int start, char space, char mark)
    {
        var hadSpace = false;
        while (output.Length > start && IsSpace(output[^1]))
        {
            output.Length--;
            hadSpace = true;
        }
        // The spaces were in an earlier text node we can no longer rewrite: keep the one typed.
        var spaceInEarlierNode = output.Length == start && IsSpace(_previous) && !hadSpace;
        if (!spaceInEarlierNode && (output.Length > start || _previous != '\0'))
        {
            output.Append(space);
        }
        output.Append(mark);
        _previous = mark;
    }

    private char Previous(StringBuilder output, int start) => output.Length > start ? output[^1] : _previous;

    private char BeforeSpaces(StringBuilder output, int start)
    {
        var i = output.Length - 1;
        while (i >= start && IsSpace(output[i]))
        {
            i--;
        }
        return i >= start ? output[i] : _previous;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int i)
    {
        while (i + 1 < text.Length && IsSpace(text[i + 1]))
        {
            i++;
        }
        return i;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or NoBreakSpace or NarrowNoBreakSpace;

    // A straight quote opens after a space or an opening mark, before a word; anything else closes the
    // quote that is open, and a closing quote with nothing open (12" for inches) stays as typed.
    private bool IsOpeningQuote(char previous, char next)
    {
        var afterBreak = previous == '\0' || IsSpace(previous) || previous is '(' or '[' or '{' or '—' or '–' or '-' or '/' or ':' or '«' or '“' or '\'' or '’';
        var beforeWord = next != '\0' ? !IsSpace(next) && !IsPunctuationEnd(next) : _quoteDepth == 0;
        return afterBreak && beforeWord;
    }

    // ; ! ? : are prose punctuation only when something like a space, the end or closing punctuation follows:
    // that keeps 14:30, https:, a?b and C#;x as they are.
    private static bool IsPunctuationEnd(char next) =>
        next == '\0' || IsSpace(next) || next is '?' or '!' or '»' or '”' or '"' or ')' or ']' or '.' or ',' or '…';

    private static bool IsEmoticonEye(char next) => next is '-' or ')' or '(' or 'D' or 'P' or 'p' or '/' or '|' or '\'';

    // A space between digit groups such as 300 000: at most three digits before, exactly three after.
    private static bool IsThousandsGap(ReadOnlySpan<char> text, int i, StringBuilder output, int start)
    {
        if (i + 3 >= text.Length || !char.IsDigit(text[i + 1]) || !char.IsDigit(text[i + 2]) || !char.IsDigit(text[i + 3]))
        {
            return false;
        }
        if (i + 4 < text.Length && char.IsLetterOrDigit(text[i + 4]))
        {
            return false;
        }
        var digitsBefore = 0;
        for (var j = output.Length - 1; j >= start && char.IsDigit(output[j]); j--)
        {
            digitsBefore++;
        }
        var groupStart = output.Length - digitsBefore - 1;
        return digitsBefore is >= 1 and <= 3 && (groupStart < start || !char.IsLetterOrDigit(output[groupStart]));
    }

    [GeneratedRegex(@"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.|\bmailto:)[^\s<>«»""]+|\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedSpans();
}
