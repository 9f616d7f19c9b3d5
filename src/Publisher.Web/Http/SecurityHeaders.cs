namespace Publisher.Web.Http;

/// <summary>
/// The headers every response carries, registered before anything else runs so that pages from the cache,
/// error pages and static files get them too. The policy allows no inline script (the only script is a static file; the
/// JSON-LD blocks are data, which browsers never execute), no plugin, no foreign form target; the admin area
/// may not be framed at all, public pages only by the site itself.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";

    public const string PublicPolicy = Policy + "'self'";

    public const string AdminPolicy = Policy + "'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set as the response starts, not before: the exception handler clears the headers of a failed
        // response before it renders the error page, which must carry them too.
        context.Response.OnStarting(() =>
        {
            var admin = context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
            var headers = context.Response.Headers;
            // An endpoint may set a stricter policy of its own (the embed frame allows its one provider, and nothing else).
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = admin ? AdminPolicy : PublicPolicy;
            }
            headers.XFrameOptions = admin ? "DENY" : "SAMEORIGIN";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
