using Microsoft.AspNetCore.Html;

namespace Publisher.Web.Pages.Shared.Seo;

/// <summary>A picture as social networks and search engines are told about it, with an absolute or site-relative URL.</summary>
public sealed record SocialImage(string Url, int Width, int Height, string Alt);

/// <summary>What Open Graph says of an article beyond its title.</summary>
public sealed record ArticleFacts(DateTimeOffset Published, DateTimeOffset Modified, string Section, IReadOnlyList<string> Tags);

/// <summary>A feed a page advertises with <c>&lt;link rel="alternate"&gt;</c>.</summary>
public sealed record FeedLink(string Title, string Path);

/// <summary>Everything a page says about itself in its head: title, description, canonical, social cards, structured data.</summary>
public sealed class PageMetadata
{
    /// <summary>The page's own title; the layout adds the site name.</summary>
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The page's one address, site-relative; null for pages that have none (errors).</summary>
    public string? CanonicalPath { get; set; }

    public string OpenGraphType { get; set; } = "website";

    /// <summary>The picture of the page; the site's card when null.</summary>
    public SocialImage? Image { get; set; }

    public ArticleFacts? Article { get; set; }

    /// <summary>True for pages search engines should not keep: errors, search results, the admin area.</summary>
    public bool NoIndex { get; set; }

    public string? PreviousPath { get; set; }

    public string? NextPath { get; set; }

    /// <summary>Feeds of this page's topic, advertised besides the site's own feed.</summary>
    public List<FeedLink> Feeds { get; } = [];

    /// <summary>The trail from the home page, shown above the content and given to search engines as a BreadcrumbList.</summary>
    public List<(string Name, string Path)> Breadcrumbs { get; } = [];

    /// <summary>JSON-LD documents from <see cref="Seo.StructuredData"/>, written by a JSON writer (never by string concatenation).</summary>
    public List<HtmlString> StructuredData { get; } = [];
}
