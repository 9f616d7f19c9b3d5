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
        // A path such as //host or /\host would make the Location point to another site: no redirect, let it 404.
        var safe = !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);
        if (safe && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            var canonical = path.Length > 1 ? path.TrimEnd('/') : path;
            canonical = canonical.Length == 0 ? "/" : LowerOutsideEscapes(canonical);
            if (!string.Equals(canonical, path, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = new PathString(canonical).ToUriComponent() + request.QueryString;
                return;
            }
        }
        await next(context);
    });

    // What the server could not decode (%FF, %2F) stays escaped in the path: its hex digits are not letters
    // of the address, and lowering them would redirect to the same address forever after.
    private static string LowerOutsideEscapes(string path)
    {
        var characters = path.ToCharArray();
        for (var i = 0; i < characters.Length; i++)
        {
            if (characters[i] == '%' && i + 2 < characters.Length && char.IsAsciiHexDigit(characters[i + 1]) && char.IsAsciiHexDigit(characters[i + 2]))
            {
                i += 2;
                continue;
            }
            characters[i] = char.ToLowerInvariant(characters[i]);
        }
        return new string(characters);
    }
}
