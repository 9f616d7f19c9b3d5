using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin;

public sealed class AccessDeniedModel : SitePageModel
{
    public void OnGet()
    {
        Meta.Title = "Accès refusé";
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
