namespace Publisher.Web.Pages.Shared.Navigation;

/// <summary>The site header: the name, linking home, and the sections.</summary>
public sealed class SiteHeaderViewComponent(SiteSections sections) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await sections.ListAsync(HttpContext.RequestAborted));
}
