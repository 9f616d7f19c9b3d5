using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// The app as a TLS reverse proxy reaches it: every connection comes from the proxy's address, and the proxy
/// says who the client is and that the request came over HTTPS (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>).
/// </summary>
public abstract class ProxiedFactory(string proxyAddress, IReadOnlyDictionary<string, string?> settings) : PublisherFactory
{
    /// <summary>The public host, as nginx sends it with <c>proxy_set_header Host $host</c>.</summary>
    public static readonly string PublicHost = new Uri(BaseUrl).Host;

    /// <summary>Few enough sign-in attempts per address for a test to reach the limit.</summary>
    public const int SignInLimit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(settings)
    {
        ["Admin:SignInAttemptsPerMinute"] = SignInLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new ConnectionsFrom(IPAddress.Parse(proxyAddress)));

    /// <summary>A client whose requests pass through the proxy, for this client address, over HTTPS.</summary>
    public HttpClient CreateClientBehindProxy(string clientAddress) =>
        CreateDefaultClient(new Uri("http://localhost"), new ThroughProxy(clientAddress));

    /// <summary>Every connection the test server makes comes from this address (the test server gives none).</summary>
    private sealed class ConnectionsFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>What nginx adds: the client's address after any the client sent, the scheme, the public host.</summary>
    private sealed class ThroughProxy(string clientAddress) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.Headers.TryGetValues("X-Forwarded-For", out var values) ? string.Join(", ", values) + ", " : "";
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.Add("X-Forwarded-For", sent + clientAddress);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Host = PublicHost;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The proxy named in <c>Proxy:TrustedProxies</c>.</summary>
public sealed class TrustedProxyFactory() : ProxiedFactory("10.0.0.5", new Dictionary<string, string?> { ["Proxy:TrustedProxies:0"] = "10.0.0.5" });

/// <summary>The proxy inside a network named in <c>Proxy:TrustedNetworks</c>.</summary>
public sealed class TrustedNetworkFactory() : ProxiedFactory("10.0.0.5", new Dictionary<string, string?> { ["Proxy:TrustedNetworks:0"] = "10.0.0.0/24" });

/// <summary>Nothing configured, the proxy on the loopback address, which ASP.NET Core would trust by default.</summary>
public sealed class UntrustedProxyFactory() : ProxiedFactory("127.0.0.1", new Dictionary<string, string?>());

internal static class ThroughProxy
{
    /// <summary>Signs in as the browser would, returning the answer to the form (its Set-Cookie headers).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email)
    {
        using var form = await client.GetAsync(new Uri("/admin/connexion", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await new HtmlParser().ParseDocumentAsync(await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // By hand: a cookie marked Secure would not go back over the test server's http://.
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/connexion", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = AdminSession.Password,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        return await client.SendAsync(post, TestContext.Current.CancellationToken);
    }

    /// <summary>A sign-in attempt as a script makes them; counted by the limit whatever it holds.</summary>
    public static async Task<HttpStatusCode> AttemptSignInAsync(HttpClient client, string? forwardedFor = null)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/connexion", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@publisher.test", ["Input.Password"] = "x" }),
        };
        if (forwardedFor is not null)
        {
            post.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await client.SendAsync(post, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("publisher.session=", StringComparison.Ordinal));
}

public sealed class TrustedProxyTests(TrustedProxyFactory app) : IClassFixture<TrustedProxyFactory>
{
    [Fact]
    public async Task The_session_cookie_is_secure_when_the_proxy_says_https()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.1");

        using var signedIn = await ThroughProxy.SignInAsync(client, await AdminSession.CreateUserAsync(app, Roles.Editor));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", ThroughProxy.SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Https_requests_get_strict_transport_security()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.2");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task The_redirect_to_sign_in_stays_on_https_and_the_public_host()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.3");

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri(PublisherFactory.BaseUrl + "/admin"), response.Headers.Location!);
        Assert.Equal(PublisherFactory.BaseUrl + "/admin/connexion?ReturnUrl=%2Fadmin", target.AbsoluteUri);
    }

    [Fact]
    public async Task Each_client_behind_the_proxy_has_its_own_sign_in_limit()
    {
        using var first = app.CreateClientBehindProxy("203.0.113.4");
        using var second = app.CreateClientBehindProxy("203.0.113.5");

        for (var i = 0; i < ProxiedFactory.SignInLimit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await ThroughProxy.AttemptSignInAsync(first));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await ThroughProxy.AttemptSignInAsync(first));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await ThroughProxy.AttemptSignInAsync(second));
    }

    [Fact]
    public async Task An_address_the_client_forged_before_the_proxys_is_not_believed()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.6");
        for (var i = 0; i < ProxiedFactory.SignInLimit; i++)
        {
            await ThroughProxy.AttemptSignInAsync(client);
        }

        // The proxy appends the address it saw: the client's own is last, whatever it wrote before.
        Assert.Equal(HttpStatusCode.TooManyRequests, await ThroughProxy.AttemptSignInAsync(client, forwardedFor: "198.51.100.7"));
    }
}

public sealed class TrustedNetworkTests(TrustedNetworkFactory app) : IClassFixture<TrustedNetworkFactory>
{
    [Fact]
    public async Task A_proxy_inside_a_trusted_network_is_believed()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.8");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        using var signedIn = await ThroughProxy.SignInAsync(client, await AdminSession.CreateUserAsync(app, Roles.Editor));

        Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("; secure", ThroughProxy.SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class UntrustedProxyTests(UntrustedProxyFactory app) : IClassFixture<UntrustedProxyFactory>
{
    [Fact]
    public async Task Forwarded_https_is_ignored_from_a_proxy_nobody_configured()
    {
        using var client = app.CreateClientBehindProxy("203.0.113.9");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        using var signedIn = await ThroughProxy.SignInAsync(client, await AdminSession.CreateUserAsync(app, Roles.Editor));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("; secure", ThroughProxy.SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Apart from <see cref="UntrustedProxyTests"/>: this one spends the only address's sign-in attempts.</summary>
public sealed class UntrustedProxySignInLimitTests(UntrustedProxyFactory app) : IClassFixture<UntrustedProxyFactory>
{
    [Fact]
    public async Task Forwarded_addresses_are_ignored_from_a_proxy_nobody_configured()
    {
        using var first = app.CreateClientBehindProxy("203.0.113.10");
        using var second = app.CreateClientBehindProxy("203.0.113.11");

        for (var i = 0; i < ProxiedFactory.SignInLimit; i++)
        {
            await ThroughProxy.AttemptSignInAsync(first);
        }

        // Every request comes from the proxy's own address: one limit for all.
        Assert.Equal(HttpStatusCode.TooManyRequests, await ThroughProxy.AttemptSignInAsync(second));
    }
}

public sealed class ProxySettingsTests
{
    [Theory]
    [InlineData("Proxy:TrustedProxies:0", "10.0.0.300")]
    [InlineData("Proxy:TrustedNetworks:0", "10.0.0.0/33")]
    [InlineData("Proxy:TrustedNetworks:0", "proxy.local")]
    public void A_setting_that_is_not_an_address_stops_the_start_with_its_name(string key, string value)
    {
        using var app = new MisconfiguredFactory(key, value);

        var failure = Record.Exception(() => app.Services);

        Assert.NotNull(failure);
        Assert.Contains(key[..^2], failure.ToString(), StringComparison.Ordinal);
        Assert.Contains($"'{value}'", failure.ToString(), StringComparison.Ordinal);
    }

    private sealed class MisconfiguredFactory(string key, string value) : PublisherFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [key] = value };
    }
}
