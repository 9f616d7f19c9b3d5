using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin;

/// <summary>Signing out ends this browser's session on the server; « partout », every session of the account.</summary>
public sealed class SignOutModel(EndSession endSession, EndAllSessions endAllSessions) : AdminPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Admin/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AdminSessions.Id(User) is { } id)
        {
            await endSession.EndAsync(id, cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Admin/SignIn");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        await endAllSessions.EndAllAsync(UserId, cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Admin/SignIn");
    }
}
