using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Ties the sign-in cookie to a session recorded on the server: one is started when the cookie is issued,
/// and every request's cookie is refused unless its session is still open and its account still has the
/// role the cookie names. Ending the session (sign-out, elsewhere, a role or password change) thus ends
/// every copy of the cookie at once. Redirects to sign in or to « accès refusé » stay within the site.
/// </summary>
public sealed class SessionCookieEvents(StartSession startSession, CheckSession checkSession) : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = context.Principal?.Identity as ClaimsIdentity
            ?? throw new InvalidOperationException("Signing in needs a claims identity.");
        var userId = long.Parse(identity.FindFirst(ClaimTypes.NameIdentifier)!.Value, CultureInfo.InvariantCulture);
        // The browser's previous session, if it signs in again without signing out, ends with the new one.
        var replaced = context.HttpContext.User.Identity?.IsAuthenticated == true ? AdminSessions.Id(context.HttpContext.User) : null;
        var id = await startSession.StartAsync(userId, replaced, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(AdminSessions.ClaimType, id));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) => Http.HostHeader.RedirectWithinSite(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => Http.HostHeader.RedirectWithinSite(context);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var id = principal is null ? null : AdminSessions.Id(principal);
        var role = principal?.FindFirstValue(ClaimTypes.Role);
        var current = id is not null && long.TryParse(principal!.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? await checkSession.RoleAsync(id, userId, context.HttpContext.RequestAborted)
            : null;
        if (current is null || current != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
