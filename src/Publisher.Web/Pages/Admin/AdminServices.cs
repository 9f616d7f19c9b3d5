using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Publisher.Web.Data;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;

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
        services.AddSingleton<StartSession>();
        services.AddSingleton<CheckSession>();
        services.AddSingleton<EndSession>();
        services.AddSingleton<EndAllSessions>();
        services.AddSingleton<ChangePassword>();
        services.AddSingleton<ResetPassword>();
        services.AddSingleton<SessionCookieEvents>();
        services.AddSingleton<Articles.AdminArticleQueries>();
        services.AddSingleton<Articles.EditorQueries>();
        services.AddSingleton<Articles.SaveArticle>();
        services.AddSingleton<Articles.ArticlePreview>();
        services.AddSingleton<Articles.ImageUploads>();
        services.AddSingleton<Articles.BodyImageUploads>();
        services.AddSingleton<Articles.RestoreRevision>();
        services.AddSingleton<Articles.DeleteArticle>();
        services.AddPreviewLinks();
        services.AddSingleton<Articles.WorkingCopies>();
        services.AddSingleton<Articles.SaveWorkingCopy>();
        services.AddSingleton<Articles.DiscardWorkingCopy>();
        services.AddSingleton<Journal.AuditQueries>();
        services.AddSingleton<IAuthorizationHandler, EditArticleHandler>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Every admin page needs a signed-in writer; stricter pages and actions check more on the server.
            options.Conventions.AuthorizeFolder("/Admin", Permissions.Write);
            options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
        });

        // Keys that sign the cookies and the forms' tokens live in the database, so that every node honours
        // what another issued and a restart or a restore signs nobody out. The repository is made when the keys
        // are first needed, once the configuration is complete.
        services.AddDataProtection().SetApplicationName("Publisher");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            var folder = provider.GetRequiredService<IOptions<AdminOptions>>().Value.KeysPath;
            var root = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            options.XmlRepository = new DataProtectionKeys(
                provider.GetRequiredService<IDatabase>(),
                provider.GetRequiredService<TimeProvider>(),
                Path.GetFullPath(Path.Combine(root, folder)),
                provider.GetRequiredService<ILogger<DataProtectionKeys>>());
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
                options.ExpireTimeSpan = AdminSessions.IdleTimeout;
                options.SlidingExpiration = true;
                // Each cookie names a session recorded on the server, checked on every request with the
                // account's current role: signing out, a role or password change, or the session's absolute
                // lifetime end it, and a demoted or removed account loses its rights at once. The events also
                // keep the sign-in redirects site-relative (the handler would write the request's Host header).
                options.EventsType = typeof(SessionCookieEvents);
            });
        services.AddAuthorizationBuilder().AddPublisherPermissions();

        services.AddSingleton<SharedSignInLimit>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts per client address; reading the form is not limited. Counted in memory, per node:
            // a cheap first guard that turns a flood away before the database, counting every post (a token-less
            // script's too), and limiting « Mon compte »'s password checks. The limit the site keeps across its
            // nodes is counted in the database by SharedSignInLimit, for each sign-in form posted.
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    // The client as the sign-in lock counts it (an IPv6 /64 is one client), or a machine would escape by changing address.
                    SignInAttempt.ClientKey(context.Connection.RemoteIpAddress),
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

    /// <summary>
    /// The folder, relative to the app's, where earlier releases kept the keys protecting sign-in cookies: read
    /// only while the database holds no key, to import them once, so that upgrading signs nobody out.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string KeysPath { get; set; } = "data/keys";

    /// <summary>How long a session lasts at most after signing in, however often it is used (unused, it ends after <see cref="AdminSessions.IdleTimeout"/>).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);
}
