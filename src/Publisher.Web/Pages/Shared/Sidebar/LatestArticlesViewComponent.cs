namespace Publisher.Web.Pages.Shared.Sidebar;

/// <summary>The aside « Les derniers articles » shown on every page.</summary>
public sealed class LatestArticlesViewComponent(RecentArticles recent) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? excludedArticleId) =>
        View(await recent.ListAsync(excludedArticleId, HttpContext.RequestAborted));
}
