using System.Text;

namespace Publisher.Core.Markdown;

/// <summary>
/// One pass over the HTML Markdig writes, before anything parses it as HTML. Tags that would make a browser
/// read the rest of the article as raw text, or that the sanitiser would drop with everything inside them,
/// are written out as visible text (GFM's « disallowed raw HTML » extension, with a few more tags); and a
/// text that nests elements deeper than a reader could follow is refused, because parsing such nesting
/// costs time in the square of its depth.
/// </summary>
/// <remarks>
/// This is not the safety net: the sanitiser still sees every tag. The scan follows the HTML tokenizer in
/// what matters here (comments, quoted attribute values, the end of a tag) so that it escapes the tags a
/// browser would read, and its count of open elements errs on the high side.
/// </remarks>
internal static class RawHtml
{
    /// <summary>Wraps the text of an escaped tag until the tree is finished, so typography leaves it as typed; never stored.</summary>
    public const string MarkerName = "publisher-escaped";

    /// <summary>Open elements beyond which a text is refused (Markdown's own quotes and lists count too).</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// Formatting elements (b, i, a…) left open beyond which a text is refused: the HTML parser reopens each
    /// of them in every later paragraph, so their number multiplies the size of the tree.
    /// </summary>
    public const int MaxOpenFormatting = 16;

    // GFM's nine, the tags the issue saw take text with them, and the marker, so that nobody types one.
    private static readonly HashSet<string> Escaped = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
        "noscript", "select", "template", "object", "frameset", MarkerName,
    };

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    // The parser's « active formatting elements »: reopened in later blocks until their own end tag closes them.
    private static readonly HashSet<string> Formatting = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    // Elements that stop the parser's search for a formatting element's end, or for an <li> to close.
    private static readonly HashSet<string> Special = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center", "col", "colgroup",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "li", "listing", "main", "marquee", "menu", "nav",
        "ol", "p", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "svg", "math",
    };

    // Start tags that first close an open <p>.
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "table", "hr", "li", "dd", "dt",
    };

    // Where the search for a <p> to close stops.
    private static readonly HashSet<string> ButtonScope = new(StringComparer.OrdinalIgnoreCase)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "button", "svg", "math",
    };

    private static readonly HashSet<string> TableParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
    };

    // Their end clears the formatting elements opened inside them.
    private static readonly HashSet<string> Markers = new(StringComparer.OrdinalIgnoreCase)
    {
        "applet", "caption", "marquee", "td", "th",
    };

    // Elements a second one of the same kind closes when it is the current one (<option><option>, <h2><h3>).
    private static readonly HashSet<string> ClosedBySibling = new(StringComparer.OrdinalIgnoreCase)
    {
        "option", "optgroup", "table", "h1", "h2", "h3", "h4", "h5", "h6", "rb", "rt", "rp", "rtc", "button",
    };

    /// <summary>The HTML with the disallowed tags written as text, each reported in <paramref name="changes"/>.</summary>
    /// <exception cref="MarkdownTooComplexException">Elements nest deeper than <see cref="MaxDepth"/>.</exception>
    public static string Escape(string html, ICollection<HtmlChange> changes)
    {
        var output = new StringBuilder(html.Length + 64);
        var nesting = new Nesting();
        var copied = 0;
        var position = 0;
        while ((position = html.IndexOf('<', position)) >= 0)
        {
            var start = position;
            if (At(html, position, "<!--"))
            {
                var end = CommentEnd(html, position);
                if (end < 0)
                {
                    // Unclosed, it would hide the rest of the article: its opening is shown as text instead.
                    output.Append(html, copied, start - copied)
                        .Append('<').Append(MarkerName).Append('>').Append("&lt;!--")
                        .Append("</").Append(MarkerName).Append('>');
                    copied = position = start + 4;
                    changes.Add(new HtmlChange(HtmlChangeKind.UnclosedComment, ""));
                    continue;
                }
                position = end;
                continue;
            }
            if (nesting.InForeignContent && At(html, position, "<![CDATA["))
            {
                var end = html.IndexOf("]]>", position, StringComparison.Ordinal);
                position = end < 0 ? html.Length : end + 3;
                continue;
            }
            if (At(html, position, "<!") || At(html, position, "<?"))
            {
                var end = html.IndexOf('>', position);
                position = end < 0 ? html.Length : end + 1;
                continue;
            }
            var closing = position + 1 < html.Length && html[position + 1] == '/';
            var nameStart = position + (closing ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                position++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] is not '/' and not '>')
            {
                nameEnd++;
            }
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            position = TagEnd(html, nameEnd);
            if (Escaped.Contains(name))
            {
                output.Append(html, copied, start - copied)
                    .Append('<').Append(MarkerName).Append('>')
                    .Append(Encode(html[start..position]))
                    .Append("</").Append(MarkerName).Append('>');
                copied = position;
                changes.Add(new HtmlChange(HtmlChangeKind.Escaped, name));
            }
            else if (closing)
            {
                nesting.Close(name);
            }
            else
            {
                nesting.Open(name, html.AsSpan(start, position - start));
            }
        }
        return copied == 0 ? html : output.Append(html, copied, html.Length - copied).ToString();
    }

    private static bool At(string html, int position, string text) =>
        string.CompareOrdinal(html, position, text, 0, text.Length) == 0;

    // <!--> and <!---> end where they start, and --!> ends a comment as --> does, as in the HTML tokenizer;
    // -1 for a comment that is never closed.
    private static int CommentEnd(string html, int position)
    {
        if (At(html, position, "<!-->"))
        {
            return position + 5;
        }
        if (At(html, position, "<!--->"))
        {
            return position + 6;
        }
        var end = html.IndexOf("-->", position + 4, StringComparison.Ordinal);
        var bang = html.IndexOf("--!>", position + 4, StringComparison.Ordinal);
        return bang >= 0 && (end < 0 || bang < end) ? bang + 4 : end < 0 ? -1 : end + 3;
    }

    // After a tag's name: the first > outside a quoted attribute value ends the tag.
    private static int TagEnd(string html, int position)
    {
        while (position < html.Length)
        {
            var c = html[position++];
            if (c == '>')
            {
                return position;
            }
            if (c != '=')
            {
                continue;
            }
            while (position < html.Length && char.IsWhiteSpace(html[position]))
            {
                position++;
            }
            if (position < html.Length && html[position] is '"' or '\'')
            {
                var end = html.IndexOf(html[position], position + 1);
                position = end < 0 ? html.Length : end + 1;
            }
        }
        return html.Length;
    }

    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// The parser's stack of open elements and list of formatting elements, kept as far as the rules that close
    /// elements go and no further, so that the depth counted is never below the parser's: what is open, plus
    /// the formatting elements the parser would open again.
    /// </summary>
    private sealed class Nesting
    {
        private readonly List<Element> _open = [];

        // Null is a marker (a table cell opened): formatting elements before it are not reopened inside it.
        private readonly List<Element?> _formatting = [];
        private int _foreign;

        public bool InForeignContent => _foreign > 0;

        public void Open(string name, ReadOnlySpan<char> tag)
        {
            if (ClosesParagraph.Contains(name))
            {
                CloseParagraph();
            }
            // A table's parts outside a table are ignored, and open no cell that would stop formatting elements.
            if (Void.Contains(name) || ((InForeignContent || name is "svg" or "math") && tag.EndsWith("/>")) || (TableParts.Contains(name) && !_open.Exists(element => element.Name == "table")))
            {
                return;
            }
            if (name is "li" or "dd" or "dt")
            {
                CloseListItem(name == "li" ? ["li"] : ["dd", "dt"]);
            }
            else if (TableParts.Contains(name))
            {
                // A cell closes what is open in the row, a row what is open in the table's body, and so on.
                string[] context = name switch
                {
                    "td" or "th" => ["tr", "table"],
                    "tr" => ["tbody", "thead", "tfoot", "table"],
                    _ => ["table"],
                };
                PopTo(_open.FindLastIndex(element => context.Contains(element.Name)) + 1);
            }
            else if (_open.Count > 0 && ClosedBySibling.Contains(name) && Family(_open[^1].Name) == Family(name))
            {
                PopTo(_open.Count - 1);
            }
            if (name is "a" or "nobr" && LastFormatting(name) is not null)
            {
                CloseFormatting(name);
            }
            var element = new Element(name, tag.ToString().ToLowerInvariant());
            _open.Add(element);
            _foreign += name is "svg" or "math" ? 1 : 0;
            if (Formatting.Contains(name))
            {
                // The parser keeps at most three identical ones (« Noah's Ark »).
                var identical = AfterLastMarker().Where(other => other.Tag == element.Tag).ToList();
                if (identical.Count >= 3)
                {
                    _formatting.Remove(identical[0]);
                }
                _formatting.Add(element);
            }
            else if (Markers.Contains(name))
            {
                _formatting.Add(null);
            }
            var reopened = _formatting.Count(entry => entry is { IsOpen: false });
            if (_open.Count + reopened > MaxDepth || _formatting.Count(entry => entry is not null) > MaxOpenFormatting)
            {
                throw new MarkdownTooComplexException();
            }
        }

        public void Close(string name)
        {
            if (Formatting.Contains(name))
            {
                CloseFormatting(name);
                return;
            }
            var index = _open.FindLastIndex(element => element.Name == name);
            if (index >= 0)
            {
                PopTo(index);
            }
        }

        private void CloseFormatting(string name)
        {
            if (LastFormatting(name) is not { } element)
            {
                return;
            }
            if (!element.IsOpen)
            {
                _formatting.Remove(element);
                return;
            }
            // With a block opened inside it, the parser closes it and opens a copy in the block: nothing shrinks.
            var index = _open.LastIndexOf(element);
            if (_open.Skip(index + 1).All(above => !Special.Contains(above.Name)))
            {
                PopTo(index);
                _formatting.Remove(element);
            }
        }

        private void CloseParagraph()
        {
            for (var i = _open.Count - 1; i >= 0 && !ButtonScope.Contains(_open[i].Name); i--)
            {
                if (_open[i].Name == "p")
                {
                    PopTo(i);
                    return;
                }
            }
        }

        private void CloseListItem(string[] names)
        {
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var name = _open[i].Name;
                if (names.Contains(name))
                {
                    PopTo(i);
                    return;
                }
                if (Special.Contains(name) && name is not "address" and not "div" and not "p")
                {
                    return;
                }
            }
        }

        // Pops the element at index and everything above it; formatting elements stay listed, to be reopened.
        private void PopTo(int index)
        {
            for (var i = _open.Count - 1; i >= index; i--)
            {
                var element = _open[i];
                element.IsOpen = false;
                _foreign -= element.Name is "svg" or "math" ? 1 : 0;
                if (Markers.Contains(element.Name) && _formatting.LastIndexOf(null) is var marker and >= 0)
                {
                    _formatting.RemoveRange(marker, _formatting.Count - marker);
                }
            }
            _open.RemoveRange(index, _open.Count - index);
        }

        private IEnumerable<Element> AfterLastMarker() =>
            _formatting.Skip(_formatting.LastIndexOf(null) + 1).OfType<Element>();

        private Element? LastFormatting(string name) => AfterLastMarker().LastOrDefault(element => element.Name == name);

        private static string Family(string name) => name switch
        {
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => "h",
            "rb" or "rt" or "rp" or "rtc" => "rt",
            _ => name,
        };

        private sealed class Element(string name, string tag)
        {
            public string Name { get; } = name;

            /// <summary>The start tag as typed, lower case: three identical formatting elements at most are reopened.</summary>
            public string Tag { get; } = tag;

            public bool IsOpen { get; set; } = true;
        }
    }
}
