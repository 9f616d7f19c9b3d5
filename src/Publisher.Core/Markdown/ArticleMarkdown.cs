using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Core.Text;

namespace Publisher.Core.Markdown;

/// <summary>What an article body becomes once rendered: safe HTML ready to store, and its length.</summary>
/// <param name="Html">Sanitised HTML with French typography applied; stored and served as is.</param>
/// <param name="WordCount">Words a reader reads (code included), for the reading time.</param>
/// <param name="PlainText">The text alone, for search and snippets.</param>
public sealed record RenderedMarkdown(string Html, int WordCount, string PlainText)
{
    /// <summary>What was done to the author's raw HTML (tags shown as text, elements and attributes removed), each once, in order.</summary>
    public IReadOnlyList<HtmlChange> Changes { get; init; } = [];

    /// <summary>The pictures of the library the text shows, in order (<see cref="BodyImages"/>).</summary>
    public IReadOnlyList<BodyImage> Images { get; init; } = [];

    /// <summary>Words read per minute by an ordinary reader of news in French.</summary>
    public const int WordsPerMinute = 220;

    /// <summary>Minutes to read the text, at least one (« Lecture : 4 min »).</summary>
    public int ReadingMinutes => Math.Max(1, (int)Math.Round(WordCount / (double)WordsPerMinute, MidpointRounding.AwayFromZero));
}

/// <summary>
/// The one Markdown pipeline of the site: Markdig with tables, figures, footnotes and autolinks; then the
/// tags that would hide the text after them are written out as text (GFM's « disallowed raw HTML ») and
/// too deep a nesting is refused; then the HTML sanitiser (Markdig output is not trusted: authors may type
/// raw HTML), which keeps the text of what it removes; then a pass over the sanitised tree for French
/// typography, heading ids, external links and lazy images. Build it once and share it: it is thread-safe.
/// </summary>
public sealed class ArticleMarkdown
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "caption",
        "figcaption", "div", "section", "ul", "ol", "dl", "table", "tr", "figure", "hr", "br",
    };

    // Their text is written as typed: typography never touches code.
    private static readonly HashSet<string> VerbatimElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "pre", "kbd", "samp", "var",
    };

    private static readonly string[] FormElements =
        ["form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend"];

    /// <summary>Ids the page around an article body uses (skip link target, sidebar title): the body never takes them.</summary>
    public static readonly IReadOnlyList<string> ReservedIds = ["contenu", "derniers-articles", "a-lire-aussi"];

    /// <summary>
    /// Changes whenever the same Markdown would render differently (new rules, sanitiser settings), so
    /// that an import knows stored HTML is stale even though the file did not change.
    /// </summary>
    public const string Version = "2026-12-08.3";

    /// <summary>
    /// Longest body rendered, in characters: about fifty times a long investigation, and still rendered in
    /// about a second; beyond it the text is refused as too complex.
    /// </summary>
    public const int MaxLength = 500_000;

    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;

    // What the sanitiser removes during the render running on this thread (it reports through events, synchronously).
    [ThreadStatic]
    private static List<HtmlChange>? _removed;

    /// <summary>Builds the pipeline and the sanitiser's allow-list.</summary>
    public ArticleMarkdown()
    {
        _pipeline = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseGridTables()
            .UseFigures()
            .UseFootnotes()
            .UseAutoLinks()
            .UseEmphasisExtras()
            .UseListExtras()
            .Build();

        // Whatever it removes keeps its text: the reader never loses words, only markup.
        _sanitizer = new HtmlSanitizer { KeepChildNodes = true };
        _sanitizer.AllowedTags.Add("figure");
        _sanitizer.AllowedTags.Add("figcaption");
        _sanitizer.AllowedTags.Add(RawHtml.MarkerName);
        foreach (var tag in FormElements)
        {
            _sanitizer.AllowedTags.Remove(tag);
        }
        _sanitizer.AllowedAttributes.Add("id");
        _sanitizer.AllowedAttributes.Add("class");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.RemovingTag += (_, e) => _removed?.Add(new HtmlChange(HtmlChangeKind.RemovedElement, e.Tag.LocalName));
        _sanitizer.RemovingAttribute += (_, e) => _removed?.Add(new HtmlChange(HtmlChangeKind.RemovedAttribute, e.Tag.LocalName, e.Attribute.Name));
        _sanitizer.RemovingComment += (_, e) => _removed?.Add(new HtmlChange(HtmlChangeKind.RemovedComment, "", Detail: e.Comment.TextContent.Trim()));
    }

    /// <summary>Renders an article body.</summary>
    /// <param name="markdown">The author's Markdown, raw HTML included.</param>
    /// <exception cref="MarkdownTooComplexException">The text is longer than <see cref="MaxLength"/>, or nests quotes, lists, brackets or HTML elements too deeply to be read.</exception>
    public RenderedMarkdown Render(string markdown) => Render(markdown, null);

    /// <summary>Renders an article body whose images of the library get their copies (<see cref="BodyImages"/>).</summary>
    /// <param name="markdown">The author's Markdown, raw HTML included.</param>
    /// <param name="images">What the library knows of an image's address; null for an address it does not hold.</param>
    /// <exception cref="MarkdownTooComplexException">The text is longer than <see cref="MaxLength"/>, or nests quotes, lists, brackets or HTML elements too deeply to be read.</exception>
    public RenderedMarkdown Render(string markdown, Func<string, ImageSources?>? images)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Parse(markdown);
        AssignHeadingIds(document);
        DropColumnStyles(document);

        var changes = new List<HtmlChange>();
        var html = RawHtml.Escape(document.ToHtml(_pipeline), changes);
        using var dom = Sanitize(html, changes);
        var body = dom.Body!;
        var pictures = BodyImages.Apply(dom, images);
        // After the sanitiser, which lets no data- attribute through: only the pipeline writes a card.
        Embeds.Insert(body);
        var words = Finish(body, new FrenchTypography());
        foreach (var marker in body.QuerySelectorAll(RawHtml.MarkerName).ToArray())
        {
            marker.Replace(dom.CreateTextNode(marker.TextContent));
        }
        var output = new StringBuilder(html.Length);
        Serialize(body, output);
        return new RenderedMarkdown(output.ToString(), words, body.TextContent.Trim())
        {
            Changes = changes.Distinct().ToList(),
            Images = pictures,
        };
    }

    private IHtmlDocument Sanitize(string html, List<HtmlChange> changes)
    {
        _removed = changes;
        try
        {
            return _sanitizer.SanitizeDom(html);
        }
        finally
        {
            _removed = null;
        }
    }

    /// <summary>The syntax tree of a Markdown text, as the site's pipeline reads it (for checks, not for rendering).</summary>
    /// <exception cref="MarkdownTooComplexException">The text is longer than <see cref="MaxLength"/>, or nests quotes, lists or brackets too deeply to be read.</exception>
    public MarkdownDocument Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > MaxLength)
        {
            throw new MarkdownTooComplexException($"the Markdown is {markdown.Length} characters long, more than the {MaxLength} rendered");
        }
        try
        {
            return Markdig.Markdown.Parse(markdown, _pipeline);
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            // Markdig refuses pathological nesting (thousands of > or [) rather than overflow its stack.
            throw new MarkdownTooComplexException(e);
        }
    }

    /// <summary>The text of stored article HTML, for search (as <see cref="RenderedMarkdown.PlainText"/> gives it at save time).</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html).Body!.TextContent.Trim();
    }

    /// <summary>The addresses of the images a Markdown text shows, in order, each once.</summary>
    public IReadOnlyList<string> ImageUrls(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Images(Markdig.Markdown.Parse(markdown, _pipeline)).Select(image => image.Url!).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Rewrites the address of each inline image written in the Markdown, leaving every other character as typed.</summary>
    public string RewriteImageUrls(string markdown, Func<string, string> imageUrl)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(imageUrl);
        var spans = Images(Markdig.Markdown.Parse(markdown, _pipeline))
            .Where(image => !image.UrlSpan.IsEmpty)
            .OrderByDescending(image => image.UrlSpan.Start);
        var builder = new System.Text.StringBuilder(markdown);
        foreach (var image in spans)
        {
            builder.Remove(image.UrlSpan.Start, image.UrlSpan.Length).Insert(image.UrlSpan.Start, imageUrl(image.Url!));
        }
        return builder.ToString();
    }

    private static IEnumerable<LinkInline> Images(MarkdownDocument document) =>
        document.Descendants<LinkInline>().Where(link => link.IsImage && !string.IsNullOrEmpty(link.Url));

    // Markdig writes a column's alignment and width as style attributes, which the sanitiser removes (no style
    // is published, and the CSP would refuse it): the alignment becomes a class of each cell instead, the width
    // goes, and the sub-editor's report names only what the author typed.
    private static void DropColumnStyles(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            foreach (var row in table.OfType<TableRow>())
            {
                var column = 0;
                foreach (var cell in row.OfType<TableCell>())
                {
                    var alignment = column < table.ColumnDefinitions.Count ? table.ColumnDefinitions[column].Alignment : null;
                    if (alignment is TableColumnAlign.Right or TableColumnAlign.Center)
                    {
                        cell.GetAttributes().AddClass(alignment == TableColumnAlign.Right ? "align-right" : "align-center");
                    }
                    column += Math.Max(1, cell.ColumnSpan);
                }
            }
            foreach (var column in table.ColumnDefinitions)
            {
                column.Alignment = null;
                column.Width = 0;
            }
        }
    }

    // Ids come from the one slug rule, so a heading keeps its anchor as long as its words stay the same.
    // The body sits inside a page that has an h1 and ids of its own: headings start at h2 and avoid those ids.
    private static void AssignHeadingIds(MarkdownDocument document)
    {
        var used = new HashSet<string>(ReservedIds, StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Max(heading.Level, 2);
            var words = heading.Inline?.Descendants<Inline>().Select(inline => inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                _ => " ",
            }) ?? [];
            var baseId = Slug.From(string.Concat(words));
            if (baseId.Length == 0)
            {
                baseId = "section";
            }
            var id = baseId;
            for (var n = 2; !used.Add(id); n++)
            {
                id = $"{baseId}-{n}";
            }
            heading.GetAttributes().Id = id;
        }
    }

    private static int Finish(INode parent, FrenchTypography typography)
    {
        var words = 0;
        foreach (var child in parent.ChildNodes.ToArray())
        {
            switch (child)
            {
                case IText text:
                    text.Data = typography.Next(text.Data);
                    words += CountWords(text.Data);
                    break;
                case IElement element when VerbatimElements.Contains(element.LocalName) || element.LocalName == RawHtml.MarkerName:
                    typography.SkipWord();
                    words += CountWords(element.TextContent);
                    break;
                case IElement element:
                    Decorate(element);
                    var isBlock = BlockElements.Contains(element.LocalName);
                    if (isBlock)
                    {
                        typography.StartBlock();
                    }
                    words += Finish(element, typography);
                    if (isBlock)
                    {
                        typography.StartBlock();
                    }
                    break;
            }
        }
        return words;
    }

    private static void Decorate(IElement element)
    {
        if (element.Id is { } id && ReservedIds.Contains(id))
        {
            element.RemoveAttribute("id");
        }
        switch (element.LocalName)
        {
            case "a" when IsExternal(element.GetAttribute("href")):
                element.SetAttribute("rel", "noopener");
                break;
            case "img":
                element.SetAttribute("loading", "lazy");
                element.SetAttribute("decoding", "async");
                break;
        }
    }

    private static bool IsExternal(string? href) =>
        href is not null
        && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("//", StringComparison.Ordinal));

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = char.IsLetterOrDigit(c);
            if (isWordChar && !inWord)
            {
                count++;
            }
            inWord = isWordChar || (inWord && c is '-' or '’' or '\'');
        }
        return count;
    }

    // As AngleSharp's own serialiser writes it, which finds each node's next sibling by a search through its
    // parent's children: with thousands of paragraphs that took seconds. Nesting is bounded, so recursion is safe.
    private static void Serialize(INode parent, StringBuilder output)
    {
        var literal = parent.Flags.HasFlag(NodeFlags.LiteralText);
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            switch (children[i])
            {
                case IElement element:
                    var selfClosing = element.Flags.HasFlag(NodeFlags.SelfClosing);
                    output.Append(Utf8HtmlFormatter.Instance.OpenTag(element, selfClosing));
                    if (!selfClosing && element.Flags.HasFlag(NodeFlags.LineTolerance) && element.FirstChild is IText { Data: ['\n', ..] })
                    {
                        output.Append('\n');
                    }
                    Serialize(element, output);
                    output.Append(Utf8HtmlFormatter.Instance.CloseTag(element, selfClosing));
                    break;
                case IComment comment:
                    output.Append(Utf8HtmlFormatter.Instance.Comment(comment));
                    break;
                case ICharacterData text:
                    output.Append(literal ? Utf8HtmlFormatter.Instance.LiteralText(text) : Utf8HtmlFormatter.Instance.Text(text));
                    break;
            }
        }
    }

    // AngleSharp writes U+00A0 as &nbsp;: French text is served as UTF-8 characters, only markup is escaped.
    private sealed class Utf8HtmlFormatter : HtmlMarkupFormatter
    {
        public static new readonly Utf8HtmlFormatter Instance = new();

        public override string Text(ICharacterData text) =>
            text.Data.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}

/// <summary>A Markdown text nested too deeply (quotes in quotes in quotes…, thousands of open HTML elements) to be rendered.</summary>
public sealed class MarkdownTooComplexException : Exception
{
    /// <summary>The message shown to editors, in French.</summary>
    public const string French = "Le texte imbrique trop profondément citations, listes, crochets ou balises HTML pour être lu, ou dépasse 500 000 caractères : simplifiez sa mise en forme ou découpez-le.";

    /// <summary>Wraps Markdig's refusal.</summary>
    public MarkdownTooComplexException(Exception innerException)
        : base("the Markdown nests quotes, lists or brackets too deeply to be rendered", innerException)
    {
    }

    /// <summary>Creates the exception with no cause: the text nests HTML elements too deeply.</summary>
    public MarkdownTooComplexException()
        : base("the Markdown nests quotes, lists, brackets or HTML elements too deeply to be rendered")
    {
    }

    /// <summary>Creates the exception with a message (too long a text).</summary>
    public MarkdownTooComplexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MarkdownTooComplexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
