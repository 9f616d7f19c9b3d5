using System.Net;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Publisher.Web.Operations;

/// <summary>The <c>Metrics</c> section: whether requests are counted, and who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Off, nothing is counted on the requests' path and <c>/metrics</c> does not exist.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Addresses or networks in CIDR notation that may read <c>/metrics</c>; empty is the loopback addresses only.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>
    /// Whether a scrape relayed by a trusted proxy (<c>Proxy</c> section) is answered when the client it names is in
    /// <see cref="AllowedNetworks"/>. Off by default: the proxy in front of the site relays the internet, and a
    /// mistake in its settings must not open the metrics to it.
    /// </summary>
    public bool AllowThroughProxy { get; set; }
}

/// <summary>Refuses the start on an entry of <c>Metrics:AllowedNetworks</c> that is neither an address nor a network, naming it.</summary>
public sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.AllowedNetworks.Where(entry => MetricsEndpoint.ParseNetwork(entry) is null)
            .Select(entry => $"{MetricsOptions.Section}:{nameof(MetricsOptions.AllowedNetworks)} holds '{entry}', which is neither an IP address nor a network such as 10.0.0.0/8")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// <c>/metrics</c>, in Prometheus's text format (or OpenMetrics when asked), to the addresses the settings allow. To
/// anyone else the address does not exist: the request goes on to the site, which answers its usual 404 page. A
/// request relayed by a proxy is refused unless <see cref="MetricsOptions.AllowThroughProxy"/>: through a proxy on
/// the same machine the internet would otherwise arrive from 127.0.0.1. Served before the page cache, which would
/// keep it, and answered GET and HEAD only, as every other address.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    private static readonly PathString ScrapePath = new(Path);

    private const string ForwardedFor = "X-Forwarded-For";

    // The header ASP.NET Core's forwarded headers middleware leaves when a trusted proxy named the client.
    private const string OriginalFor = "X-Original-For";

    private static readonly string[] ProxyHeaders = [ForwardedFor, "Forwarded", "X-Real-IP", OriginalFor];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public static IServiceCollection AddPublisherMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        services.AddSingleton<PublisherMetrics>();
        return services;
    }

    /// <summary>Counts the requests and serves <c>/metrics</c>; nothing at all when <c>Metrics:Enabled</c> is false.</summary>
    public static IApplicationBuilder UsePublisherMetrics(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.ApplicationServices.GetRequiredService<PublisherMetrics>();
        if (!metrics.Enabled)
        {
            return app;
        }
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        IPNetwork[] allowed = options.AllowedNetworks.Count == 0 ? Loopback : [.. options.AllowedNetworks.Select(entry => ParseNetwork(entry)!.Value)];
        app.UseMiddleware<RequestMetrics>();
        return app.MapWhen(context => context.Request.Path.Equals(ScrapePath, StringComparison.Ordinal) && Allows(context, allowed, options.AllowThroughProxy), scrape =>
        {
            scrape.Use((context, next) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return next(context);
                }
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            });
            scrape.UseMetricServer(settings => settings.Registry = metrics.Registry, url: null);
        });
    }

    /// <summary>An address (a network of one) or a network in CIDR notation; null for anything else.</summary>
    public static IPNetwork? ParseNetwork(string? entry)
    {
        if (IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }
        return IPAddress.TryParse(entry, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }

    /// <summary>
    /// The client's address, as the trusted proxies named it, is in an allowed network; and the request came
    /// straight from it, or through trusted proxies when those are allowed. A request that carries forwarding
    /// headers no trusted proxy consumed came through a proxy this site does not trust, or claims to: refused.
    /// </summary>
    internal static bool Allows(HttpContext context, IReadOnlyList<IPNetwork> allowed, bool allowThroughProxy)
    {
        var headers = context.Request.Headers;
        var relayed = false;
        foreach (var header in ProxyHeaders)
        {
            relayed |= headers.ContainsKey(header);
        }
        // Every address the proxies added was consumed: the client is the one the trusted proxies named.
        var named = headers.ContainsKey(OriginalFor) && !headers.ContainsKey(ForwardedFor);
        if (relayed && !(allowThroughProxy && named))
        {
            return false;
        }
        var client = context.Connection.RemoteIpAddress;
        if (client is null)
        {
            return false;
        }
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }
        foreach (var network in allowed)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }
        return false;
    }
}
