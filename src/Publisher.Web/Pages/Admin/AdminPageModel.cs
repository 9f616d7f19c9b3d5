using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin;

/// <summary>An admin page: who is signed in, and what <see cref="Permissions"/> lets them do.</summary>
public abstract class AdminPageModel : SitePageModel
{
    protected long UserId => Permissions.UserId(User);

    /// <summary>Whether the signed-in account may do what <paramref name="permission"/> covers (on <paramref name="resource"/>, if any).</summary>
    public async Task<bool> MayAsync(string permission, object? resource = null)
    {
        var authorization = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(User, resource, permission)).Succeeded;
    }
}
