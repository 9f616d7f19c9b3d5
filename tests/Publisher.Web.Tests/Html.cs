using AngleSharp.Dom;

namespace Publisher.Web.Tests;

internal static class Html
{
    /// <summary>The text a reader sees, with no-break spaces read as spaces and runs of spaces as one.</summary>
    public static string Text(this IElement element) => Normalize(element.TextContent);

    public static string Normalize(string text) =>
        string.Join(' ', text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The sidebar « Les derniers articles » of a page.</summary>
    public static IElement Sidebar(this IDocument document) =>
        document.QuerySelectorAll("aside").Single(aside => aside.QuerySelector("h2")?.Text() == "Les derniers articles");

    public static IReadOnlyList<string> LinkTargets(this IElement element, string selector = "a") =>
        element.QuerySelectorAll(selector).Select(link => link.GetAttribute("href") ?? "").ToList();
}
