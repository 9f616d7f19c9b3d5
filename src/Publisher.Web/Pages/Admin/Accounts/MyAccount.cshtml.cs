using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>« Mon compte »: change one's own password, or sign out everywhere (a handler of the sign-out page).</summary>
// Guessing the current password from a session left open is limited like sign-in attempts.
[EnableRateLimiting(AdminServices.SignInRateLimit)]
public sealed class MyAccountModel(ChangePassword changePassword, IOptions<SiteOptions> site) : AdminPageModel
{
    [BindProperty]
    public PasswordForm Input { get; set; } = new();

    public string? Notice { get; private set; }

    public string DisplayName => User.FindFirstValue(ClaimTypes.Name) ?? "";

    public string Email => User.FindFirstValue(ClaimTypes.Email) ?? "";

    public string Role => Roles.Label(User.FindFirstValue(ClaimTypes.Role) ?? "");

    public void OnGet(string? modifie)
    {
        Meta.Title = "Mon compte";
        Notice = modifie is null ? null : "Votre mot de passe a été changé. Vos autres sessions sont fermées ; celle-ci reste ouverte.";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Meta.Title = "Mon compte";
        if (ModelState.IsValid && Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", "Le nouveau mot de passe doit être différent de l’actuel.");
        }
        if (ModelState.IsValid && PasswordRules.Problem(Input.NewPassword, Email, [DisplayName, site.Value.Name]) is { } problem)
        {
            ModelState.AddModelError("Input.NewPassword", problem);
        }
        if (ModelState.IsValid)
        {
            switch (await changePassword.ChangeAsync(UserId, AdminSessions.Id(User), Input.CurrentPassword, Input.NewPassword, cancellationToken))
            {
                case PasswordChange.Changed:
                    return RedirectToPage("/Admin/Accounts/MyAccount", new { modifie = 1 });
                case PasswordChange.WrongPassword:
                    ModelState.AddModelError("Input.CurrentPassword", "Ce n’est pas votre mot de passe actuel.");
                    break;
                default:
                    ModelState.AddModelError(string.Empty, "Votre mot de passe vient d’être changé ailleurs : rechargez la page et recommencez.");
                    break;
            }
        }
        Input = new PasswordForm();
        return Page();
    }
}
