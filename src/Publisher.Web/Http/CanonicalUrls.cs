namespace Publisher.Web.Http;

/// <summary>
/// One address per page: a trailing slash or capitals in the path answer 301 to the canonical form
/// (<c>/Articles/X/</c> → <c>/articles/x</c>), so links and crawlers never see two copies of a page.
/// </summary>
public static class CanonicalUrls
{
    public static IApplicationBuilder UseCanonicalUrls(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var canonical = path.Length > 1 ? path.TrimEnd('/') : path;
            if (canonical.Length == 0)
            {
                canonical = "/";
            }
            canonical = canonical.ToLowerInvariant();
            if (!string.Equals(canonical, path, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = canonical + request.QueryString;
                return;
            }
        }
        await next(context);
    });
}
