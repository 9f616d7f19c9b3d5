using AngleSharp.Html.Parser;

namespace Publisher.Core.Markdown;

/// <summary>Makes the links and pictures of stored article HTML absolute, for places read away from the site (feeds).</summary>
public static class AbsoluteLinks
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Rewrites <c>/path</c> against <paramref name="siteUrl"/> and <c>#fragment</c> against
    /// <paramref name="pageUrl"/> in <c>href</c> and <c>src</c> attributes; absolute URLs are left alone.
    /// </summary>
    public static string Rewrite(string html, string siteUrl, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(siteUrl);
        var document = Parser.ParseDocument("<body>" + html);
        var body = document.Body!;
        foreach (var element in body.QuerySelectorAll("[href], [src]"))
        {
            foreach (var name in new[] { "href", "src" })
            {
                var value = element.GetAttribute(name);
                if (value is null)
                {
                    continue;
                }
                if (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
                {
                    element.SetAttribute(name, siteUrl.TrimEnd('/') + value);
                }
                else if (value.StartsWith('#'))
                {
                    element.SetAttribute(name, pageUrl + value);
                }
            }
        }
        return body.InnerHtml;
    }
}
