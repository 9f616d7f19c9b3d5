using Microsoft.AspNetCore.Mvc.RazorPages;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Shared;

/// <summary>What the layout needs from every public page: its metadata, and the article being read.</summary>
public abstract class SitePageModel : PageModel
{
    public PageMetadata Meta { get; } = new();

    /// <summary>The article on screen, left out of « Les derniers articles ».</summary>
    public long? CurrentArticleId { get; protected set; }

    /// <summary>
    /// False when the page reports a server error: then the layout leaves out what it reads from the
    /// database (sections, latest articles), which may be the very thing that failed.
    /// </summary>
    public bool ShowsSiteContent { get; protected set; } = true;
}
