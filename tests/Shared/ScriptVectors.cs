using AngleSharp.Dom;

namespace Publisher.Tests.Hostile;

/// <summary>
/// Every way left in a piece of HTML for a browser to run script: script-bearing elements, event-handler
/// and style attributes, and addresses in a scheme other than http, https or mailto. Shared by the unit
/// tests (rendered Markdown) and the integration tests (pages, feeds, the admin preview).
/// </summary>
public static class ScriptVectors
{
    /// <summary>Elements that run, load or submit something: none may come from an author.</summary>
    public const string DangerousElements = "script, iframe, frame, object, embed, applet, form, input, button, textarea, select, style, link, meta, base, svg, math, template, noscript";

    public static IReadOnlyList<string> In(IElement root, bool allowDataScripts = false)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<string>();
        foreach (var element in root.QuerySelectorAll(DangerousElements))
        {
            if (allowDataScripts && element.LocalName == "script" && element.GetAttribute("type") == "application/ld+json")
            {
                continue;
            }
            found.Add($"<{element.LocalName}>");
        }
        foreach (var element in root.QuerySelectorAll("*").Prepend(root))
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name is "style" or "formaction" or "srcdoc")
                {
                    found.Add($"{element.LocalName} {attribute.Name}");
                }
                else if (attribute.Name is "href" or "src" or "action" or "xlink:href" or "background" or "dynsrc" or "lowsrc" or "poster" or "data" && !IsSafeUrl(attribute.Value))
                {
                    found.Add($"{element.LocalName} {attribute.Name}=\"{attribute.Value}\"");
                }
            }
        }
        return found;
    }

    public static bool IsSafeUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true; // relative
        }
        var scheme = trimmed[..colon].ToUpperInvariant();
        return scheme is "HTTP" or "HTTPS" or "MAILTO";
    }
}
