using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin;

[AllowAnonymous]
[EnableRateLimiting(AdminServices.SignInRateLimit)]
public sealed class SignInModel(SignInAttempt attempt, SharedSignInLimit limit) : SitePageModel
{
    // One message whatever went wrong, so that nobody learns which addresses have an account.
    public const string Failure = "Adresse e-mail ou mot de passe incorrect. Après plusieurs erreurs, les connexions depuis votre réseau sont bloquées quelques minutes.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public void OnGet() => Meta.Title = "Connexion";

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        // The rate limiter counts per node; this counts for every node, and is answered as the limiter answers.
        if (!await limit.AllowsAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        Meta.Title = "Connexion";
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await attempt.VerifyAsync(Input.Email, Input.Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, Failure);
            return Page();
        }
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
        ];
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(AdminServices.Prefix, StringComparison.Ordinal) ? returnUrl : Url.Page("/Admin/Index")!);
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
        [EmailAddress(ErrorMessage = "Cette adresse e-mail n’est pas valide.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }
}
