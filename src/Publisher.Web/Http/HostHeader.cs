using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Publisher.Web.Http;

/// <summary>
/// The Host header is the client's to write, so the site builds nothing from it: absolute addresses (canonical,
/// Open Graph, JSON-LD, feeds, sitemaps, robots.txt) come from <c>Site:BaseUrl</c> through
/// <see cref="SiteOptions.Absolute"/>, and redirects are site-relative. Requests for another host are refused
/// (400) unless <c>AllowedHosts</c> is set: by default only the host of <c>Site:BaseUrl</c> and the machine's
/// loopback names are served, the names a health check, a local run or a proxy that keeps its own Host uses.
/// </summary>
public static class HostHeader
{
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddHostHeaderRules(this IServiceCollection services, IConfiguration configuration)
    {
        // ASP.NET Core reads AllowedHosts after this, and only when nothing has set the list.
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<SiteOptions>>((filtering, site) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                filtering.AllowedHosts = [SiteHost(site.Value), .. LoopbackHosts];
            }
        });
        return services;
    }

    /// <summary>The host of <c>Site:BaseUrl</c> as a Host header carries it: punycode, an IPv6 address in brackets.</summary>
    public static string SiteHost(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var address = new Uri(site.BaseUrl);
        return address.HostNameType == UriHostNameType.IPv6 ? address.Host : address.IdnHost;
    }

    /// <summary>
    /// For the cookie sign-in's redirects (to the sign-in page, to « accès refusé »): the handler builds them from
    /// the request's scheme and Host; the browser is sent the same address without them.
    /// </summary>
    public static Task RedirectWithinSite(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
        var location = target.IsAbsoluteUri ? target.PathAndQuery + target.Fragment : context.RedirectUri;
        if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            // What the handler does for a script's request: no redirect to follow, the address in the header.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.Location = location;
        }
        else
        {
            context.Response.Redirect(location);
        }
        return Task.CompletedTask;
    }
}
