using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin;

public static class AdminServices
{
    /// <summary>The sign-in cookie: a request carrying it is an editor's, never answered from or stored in the page cache.</summary>
    public const string SessionCookie = "publisher.session";

    public const string SignInRateLimit = "sign-in";

    /// <summary>Where the admin area starts: pages under it are private, never cached or compressed.</summary>
    public const string Prefix = "/admin";

    /// <summary>Accounts, cookie sign-in, roles, and the protection of the admin area.</summary>
    public static IServiceCollection AddPublisherAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountQueries>();
        services.AddSingleton<CreateAccount>();
        services.AddSingleton<ChangeRole>();
        services.AddSingleton<SignInAttempt>();
        services.AddSingleton<Articles.AdminArticleQueries>();
        services.AddSingleton<Articles.EditorQueries>();
        services.AddSingleton<Articles.SaveArticle>();
        services.AddSingleton<Articles.ArticlePreview>();
        services.AddSingleton<Articles.ImageUploads>();
        services.AddSingleton<Articles.RestoreRevision>();
        services.AddSingleton<Articles.DeleteArticle>();
        services.AddSingleton<Journal.AuditQueries>();
        services.AddSingleton<IAuthorizationHandler, EditArticleHandler>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Every admin page needs a signed-in writer; stricter pages and actions check more on the server.
            options.Conventions.AuthorizeFolder("/Admin", Permissions.Write);
            options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
        });

        // Keys that sign the cookies live with the data, so a restart does not sign everyone out. The folder
        // is read when the keys are first needed, once the configuration is complete.
        services.AddDataProtection().SetApplicationName("Publisher");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            var folder = provider.GetRequiredService<IOptions<AdminOptions>>().Value.KeysPath;
            var root = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(Path.Combine(root, folder))), provider.GetRequiredService<ILoggerFactory>());
        }));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/admin/connexion";
                options.LogoutPath = "/admin/deconnexion";
                options.AccessDeniedPath = "/admin/acces-refuse";
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS, so that a plain-http local run still signs in.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // Site-relative: the handler would write the request's Host header into the address.
                options.Events.OnRedirectToLogin = Http.HostHeader.RedirectWithinSite;
                options.Events.OnRedirectToAccessDenied = Http.HostHeader.RedirectWithinSite;
                // The role in the cookie is checked against the account on every request: a demoted or
                // removed account loses its rights at once instead of when its cookie expires.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var id = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                    var role = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
                    var current = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var userId)
                        ? await context.HttpContext.RequestServices.GetRequiredService<AccountQueries>().RoleAsync(userId, context.HttpContext.RequestAborted)
                        : null;
                    if (current is null || current != role)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });
        services.AddAuthorizationBuilder().AddPublisherPermissions();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts per client address; reading the form is not limited.
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }
}

/// <summary>The <c>Admin</c> section of the configuration.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sign-in attempts one client address may make in a minute.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Where the keys protecting sign-in cookies are kept, relative to the app's folder.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string KeysPath { get; set; } = "data/keys";
}
