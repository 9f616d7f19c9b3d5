using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Publisher.Core.Markdown;

/// <summary>What the site knows of a picture of its library: its size and the <c>srcset</c> of its copies.</summary>
/// <param name="Width">Width of the original, in pixels.</param>
/// <param name="Height">Height of the original, in pixels.</param>
/// <param name="SourceSet">The copies in the original's format, as a <c>srcset</c>.</param>
/// <param name="WebPSourceSet">The copies in WebP, as a <c>srcset</c>.</param>
public sealed record ImageSources(int Width, int Height, string SourceSet, string WebPSourceSet);

/// <summary>An image of an article's text that the library holds, as rendered.</summary>
/// <param name="Url">Its address.</param>
/// <param name="Alt">Its alternative text (empty when the author wrote none).</param>
/// <param name="Caption">Its caption, when it has one.</param>
/// <param name="Credit">Its credit, without « Photo : », when it has one.</param>
/// <param name="Width">Width of the original, in pixels.</param>
/// <param name="Height">Height of the original, in pixels.</param>
public sealed record BodyImage(string Url, string Alt, string? Caption, string? Credit, int Width, int Height);

/// <summary>
/// Images of the text. An image alone in its paragraph is a figure, as the main image is: its Markdown title
/// is its caption, and what follows « Photo : » in it its credit
/// (<c>![Une fusée au décollage](/media/fusee.jpg "Le lanceur au décollage. — Photo : ESA")</c>).
/// A picture of the library gets the <c>srcset</c>, <c>sizes</c>, width and height of the main image.
/// </summary>
public static class BodyImages
{
    /// <summary>The width an image takes in the article's column, as the main image's.</summary>
    public const string Sizes = "(min-width: 960px) 42rem, 100vw";

    private const string CreditWord = "Photo";

    /// <summary>The Markdown of an image alone in its paragraph, with its caption and credit in its title.</summary>
    public static string Markdown(string url, string alt, string? caption, string? credit)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(alt);
        var title = new StringBuilder(OneLine(caption));
        if (!string.IsNullOrWhiteSpace(credit))
        {
            title.Append(title.Length > 0 ? " — " : "").Append(CreditWord).Append(" : ").Append(OneLine(credit));
        }
        var escapedAlt = OneLine(alt).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
        var escapedTitle = title.ToString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return escapedTitle.Length == 0 ? $"![{escapedAlt}]({url})" : $"![{escapedAlt}]({url} \"{escapedTitle}\")";
    }

    /// <summary>The caption and the credit an image's title holds: the credit is what follows its last « Photo : ».</summary>
    public static (string? Caption, string? Credit) ParseTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return (null, null);
        }
        var at = CreditAt(title);
        if (at < 0)
        {
            return (title.Trim(), null);
        }
        var colon = title.IndexOf(':', at);
        var credit = title[(colon + 1)..].Trim();
        var caption = title[..at].TrimEnd().TrimEnd('—', '–', '-', '|', '·', ',').TrimEnd();
        return (caption.Length == 0 ? null : caption, credit.Length == 0 ? null : credit);
    }

    // The last « Photo » followed by spaces and a colon, starting the title or after a space.
    private static int CreditAt(string title)
    {
        for (var at = title.LastIndexOf(CreditWord, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : title.LastIndexOf(CreditWord, at - 1, StringComparison.Ordinal))
        {
            var after = at + CreditWord.Length;
            while (after < title.Length && char.IsWhiteSpace(title[after]))
            {
                after++;
            }
            if (after < title.Length && title[after] == ':' && (at == 0 || char.IsWhiteSpace(title[at - 1]) || title[at - 1] is '—' or '–' or '|'))
            {
                return at;
            }
        }
        return -1;
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Makes figures of the images alone in their paragraph and gives the library's pictures their copies, in a
    /// sanitised tree (what is added here is the site's own markup, never the author's); returns the library's pictures.
    /// </summary>
    internal static IReadOnlyList<BodyImage> Apply(IHtmlDocument dom, Func<string, ImageSources?>? sources)
    {
        var found = new List<BodyImage>();
        foreach (var img in dom.Body!.QuerySelectorAll("img").ToArray())
        {
            var src = img.GetAttribute("src") ?? "";
            var alt = img.GetAttribute("alt") ?? "";
            var known = src.Length == 0 ? null : sources?.Invoke(src);
            string? caption = null;
            string? credit = null;
            if (img.ParentElement is { LocalName: "p" } paragraph && paragraph.ParentElement?.LocalName != "figure" && IsAlone(img, paragraph))
            {
                (caption, credit) = ParseTitle(img.GetAttribute("title"));
                img.RemoveAttribute("title");
                paragraph.Replace(Figure(dom, img, caption, credit));
            }
            else if (img.Closest("figure")?.QuerySelector("figcaption") is { } figcaption)
            {
                caption = figcaption.TextContent.Trim();
            }
            if (known is not null)
            {
                Responsive(dom, img, known);
                found.Add(new BodyImage(src, alt, caption, credit, known.Width, known.Height));
            }
        }
        return found;
    }

    private static bool IsAlone(IElement img, IElement paragraph) =>
        paragraph.ChildNodes.All(node => node == img || (node is IText text && string.IsNullOrWhiteSpace(text.Data)));

    private static IElement Figure(IHtmlDocument dom, IElement img, string? caption, string? credit)
    {
        var figure = dom.CreateElement("figure");
        figure.ClassList.Add("body-image");
        figure.AppendChild(img);
        if (caption is null && credit is null)
        {
            return figure;
        }
        var figcaption = dom.CreateElement("figcaption");
        if (caption is not null)
        {
            figcaption.AppendChild(Span(dom, "caption", caption));
        }
        if (credit is not null)
        {
            if (caption is not null)
            {
                figcaption.AppendChild(dom.CreateTextNode(" "));
            }
            figcaption.AppendChild(Span(dom, "credit", $"{CreditWord} : {credit}"));
        }
        figure.AppendChild(figcaption);
        return figure;
    }

    private static IElement Span(IHtmlDocument dom, string className, string text)
    {
        var span = dom.CreateElement("span");
        span.ClassList.Add(className);
        span.TextContent = text;
        return span;
    }

    // As the main image: a <picture> offering WebP, then the original's format, in every stored width.
    private static void Responsive(IHtmlDocument dom, IElement img, ImageSources known)
    {
        img.SetAttribute("srcset", known.SourceSet);
        img.SetAttribute("sizes", Sizes);
        img.SetAttribute("width", known.Width.ToString(CultureInfo.InvariantCulture));
        img.SetAttribute("height", known.Height.ToString(CultureInfo.InvariantCulture));
        if (img.ParentElement?.LocalName == "picture")
        {
            return;
        }
        var picture = dom.CreateElement("picture");
        var source = dom.CreateElement("source");
        source.SetAttribute("type", "image/webp");
        source.SetAttribute("srcset", known.WebPSourceSet);
        source.SetAttribute("sizes", Sizes);
        img.Replace(picture);
        picture.AppendChild(source);
        picture.AppendChild(img);
    }
}
