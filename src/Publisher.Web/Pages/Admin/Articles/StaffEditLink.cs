using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// Whether a public article page shows « Modifier »: to a signed-in account that may edit the article. Only a
/// request carrying the session cookie is looked at, so a reader's costs nothing; such a request is never
/// answered from the page cache nor stored in it, and is marked private (PublicPagePolicy).
/// </summary>
public sealed class StaffEditLink(EditorQueries articles, IAuthorizationService authorization)
{
    public async Task<bool> ShowsAsync(HttpContext context, long articleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The cookie was checked against its session by the authentication middleware: a reader without it skips both.
        if (!context.Request.Cookies.ContainsKey(AdminServices.SessionCookie) || context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var article = await articles.FindAsync(articleId, cancellationToken);
        return article is not null && (await authorization.AuthorizeAsync(context.User, article, Permissions.EditArticle)).Succeeded;
    }
}
