using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Publisher.Web.Http;

/// <summary>The <c>Proxy</c> section: the reverse proxies in front of the site, whose forwarded headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies (<c>127.0.0.1</c> for nginx on the same machine).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation (<c>10.0.0.0/8</c> for a load balancer's pool).</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}

/// <summary>Refuses the start on an entry that is not an address or a network, naming it.</summary>
public sealed class ProxyOptionsValidation : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.TrustedProxies.Where(entry => !IPAddress.TryParse(entry, out _))
            .Select(entry => $"{ProxyOptions.Section}:{nameof(ProxyOptions.TrustedProxies)} holds '{entry}', which is not an IP address")
            .Concat(options.TrustedNetworks.Where(entry => !System.Net.IPNetwork.TryParse(entry, out _))
                .Select(entry => $"{ProxyOptions.Section}:{nameof(ProxyOptions.TrustedNetworks)} holds '{entry}', which is not a network such as 10.0.0.0/8"))
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Behind a TLS reverse proxy every request reaches Kestrel over plain HTTP from the proxy's address. The proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> give back the client's address (the sign-in limit is per
/// address) and the scheme (Secure cookie, HSTS), but only from the proxies the settings name: from anyone else
/// they are a client's claim and are ignored. <c>X-Forwarded-Host</c> is never read: no address is built from the
/// Host (<see cref="HostHeader"/>).
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts the loopback addresses out of the box; here nothing is trusted unless named.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is still read, and still holds 127.0.0.0/8 unless emptied.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var address in proxy.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in proxy.Value.TrustedNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            // Each trusted proxy in a chain (a CDN, then nginx) appends the address it saw: they are read from the
            // last, and the first address no trusted proxy vouches for is the client's, whatever it wrote before.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Reads the forwarded headers of the proxies the settings name; with none named, nothing is read.</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxy = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value;
        // Not merely empty lists: the middleware takes a list of no proxies and no networks as « believe everyone ».
        return proxy.TrustedProxies.Count + proxy.TrustedNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }
}
