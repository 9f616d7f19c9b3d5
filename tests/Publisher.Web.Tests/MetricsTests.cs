using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Importing;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// <c>/metrics</c>: what an operator scrapes from each node, in a format Prometheus reads, and to nobody else.
/// Requests speak from the address in <see cref="ClientAddressFactory.Header"/> (the test server has none).
/// </summary>
public sealed class MetricsTests(ClientAddressFactory app) : IClassFixture<ClientAddressFactory>
{
    /// <summary>Debian's <c>prometheus</c> package; tests/setup.sh installs it.</summary>
    private const string Promtool = "/usr/bin/promtool";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? from, params (string Name, string Value)[] headers)
    {
        using var client = app.CreateReader();
        using var request = new HttpRequestMessage(method, path);
        if (from is not null)
        {
            request.Headers.Add(ClientAddressFactory.Header, from);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Each series of the text format (<c>name{labels}</c>) with its value.</summary>
    private static Dictionary<string, double> Series(string exposition) =>
        exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .ToDictionary(line => line[..line.LastIndexOf(' ')], line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double Value(Dictionary<string, double> series, string name)
    {
        Assert.True(series.TryGetValue(name, out var value), $"No series {name} in the scrape.");
        return value;
    }

    private static async Task AssertIsTheSites404Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.Equal("Page introuvable", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_scrape_from_loopback_counts_a_miss_a_hit_an_eviction_the_database_and_failed_sign_ins()
    {
        const string article = "/articles/5g-sa-generalisation";
        (await SendAsync(HttpMethod.Get, article, "198.51.100.4")).Dispose();
        using (var second = await SendAsync(HttpMethod.Get, article, "198.51.100.4"))
        {
            Assert.NotNull(second.Headers.Age);
        }
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(
            TestArticles.Input("metriques-archive", "Une archive pour les métriques", new DateTimeOffset(2020, 5, 4, 8, 0, 0, TimeSpan.Zero)), null, TestContext.Current.CancellationToken);
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        session.Client.DefaultRequestHeaders.Add(ClientAddressFactory.Header, "203.0.113.50");
        await session.SignInAsync("personne@publisher.test", "mauvais mot de passe");
        for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
        {
            await session.SignInAsync(email, "mauvais mot de passe " + i);
        }
        await session.SignInAsync(email);

        var series = Series(await ScrapeAsync());

        Assert.True(Value(series, """publisher_http_requests_total{kind="article",status="2xx",cache="miss"}""") >= 1);
        Assert.True(Value(series, """publisher_http_requests_total{kind="article",status="2xx",cache="hit"}""") >= 1);
        Assert.True(Value(series, """publisher_http_request_duration_seconds_count{kind="article",cache="miss"}""") >= 1);
        Assert.True(Value(series, """publisher_http_requests_total{kind="admin",status="2xx",cache="none"}""") >= 1);
        Assert.True(Value(series, """publisher_page_cache_evictions_total{scope="every_page"}""")
            + Value(series, """publisher_page_cache_evictions_total{scope="lists"}""")
            + Value(series, """publisher_page_cache_evictions_total{scope="article"}""") >= 1);
        Assert.True(Value(series, "publisher_database_read_duration_seconds_count") >= 1);
        Assert.True(Value(series, "publisher_database_write_duration_seconds_count") >= 1);
        Assert.Equal(1, Value(series, """publisher_sign_in_failures_total{reason="unknown_account"}"""));
        Assert.Equal(SignInAttempt.FailuresBeforeLockout, Value(series, """publisher_sign_in_failures_total{reason="wrong_password"}"""));
        Assert.Equal(1, Value(series, """publisher_sign_in_failures_total{reason="locked_out"}"""));
        Assert.Equal(1, Value(series, "publisher_sign_in_lockouts_total"));
        Assert.InRange(Value(series, "publisher_scheduler_held"), 0, 1);
        Assert.InRange(Value(series, "publisher_change_notices_listening"), 0, 1);
        Assert.True(Value(series, "publisher_change_notice_lag_seconds_count") >= 0);
        Assert.True(Value(series, "process_cpu_seconds_total") > 0);
    }

    [Fact]
    public async Task Only_the_sites_own_families_and_the_process_are_exported_not_aspnet_cores_meters()
    {
        (await SendAsync(HttpMethod.Get, "/", "198.51.100.4")).Dispose();

        var families = (await ScrapeAsync()).Split('\n').Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2]).ToList();

        Assert.All(families, family => Assert.True(family.StartsWith("publisher_", StringComparison.Ordinal)
            || family.StartsWith("process_", StringComparison.Ordinal) || family.StartsWith("dotnet_", StringComparison.Ordinal), family));
    }

    [Fact]
    public async Task Scraping_turns_on_none_of_aspnet_cores_per_request_instruments()
    {
        (await SendAsync(HttpMethod.Get, "/", "198.51.100.4")).Dispose();
        await ScrapeAsync();
        var listened = new List<string>();
        using var listener = new MeterListener
        {
            // Told of every instrument alive in the process; Enabled says whether anyone records it.
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Enabled && instrument.Meter.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                {
                    listened.Add(instrument.Meter.Name + " " + instrument.Name);
                }
            },
        };

        listener.Start();

        Assert.Empty(listened);
        Assert.True(Publisher.Web.Data.DatabaseTimings.Reads.Enabled);
    }

    [Fact]
    public async Task Promtool_accepts_the_exposition()
    {
        // Never skipped: a machine without promtool would let a malformed exposition through unseen.
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: install Debian's prometheus package (apt-get install prometheus), as tests/setup.sh does.");
        (await SendAsync(HttpMethod.Get, "/", "198.51.100.4")).Dispose();
        (await SendAsync(HttpMethod.Get, "/rubriques/spatial", "198.51.100.4")).Dispose();
        (await SendAsync(HttpMethod.Get, "/introuvable", "198.51.100.4")).Dispose();
        var exposition = await ScrapeAsync();

        using var promtool = Process.Start(new ProcessStartInfo(Promtool, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await promtool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await promtool.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(promtool.ExitCode == 0, "promtool check metrics: " + output);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task The_scrape_is_text_never_kept_by_the_page_cache()
    {
        using var first = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, "127.0.0.1");
        using var second = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, "::1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("text/plain", second.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Null(second.Headers.Age);
        Assert.Equal("no-store", second.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_scrape_answers_get_and_head_only()
    {
        using var head = await SendAsync(HttpMethod.Head, MetricsEndpoint.Path, "127.0.0.1");
        using var post = await SendAsync(HttpMethod.Post, MetricsEndpoint.Path, "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", post.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.0.0.7")]
    [InlineData("::ffff:192.0.2.1")]
    public async Task Any_other_address_gets_the_sites_404_page(string address)
    {
        using var response = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, address);

        await AssertIsTheSites404Async(response);
    }

    [Fact]
    public async Task A_request_without_a_client_address_gets_the_404_page()
    {
        using var response = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, from: null);

        await AssertIsTheSites404Async(response);
    }

    [Fact]
    public async Task A_loopback_request_relayed_by_a_proxy_the_site_does_not_trust_is_refused()
    {
        // nginx on the same machine, not named in Proxy: the internet would arrive from 127.0.0.1.
        using var response = await SendAsync(HttpMethod.Get, MetricsEndpoint.Path, "127.0.0.1", ("X-Forwarded-For", "203.0.113.9"));

        await AssertIsTheSites404Async(response);
    }

    [Theory]
    [InlineData("/", PageKind.Home)]
    [InlineData("/articles/une-page", PageKind.Article)]
    [InlineData("/rubriques/spatial", PageKind.Section)]
    [InlineData("/rubriques/spatial/feed.xml", PageKind.Feed)]
    [InlineData("/tags/fusees", PageKind.Tag)]
    [InlineData("/tags/fusees/feed.xml", PageKind.Feed)]
    [InlineData("/auteurs/camille-renaud", PageKind.Author)]
    [InlineData("/recherche", PageKind.Search)]
    [InlineData("/feed.xml", PageKind.Feed)]
    [InlineData("/sitemap.xml", PageKind.Sitemap)]
    [InlineData("/sitemaps/articles-2026-11.xml", PageKind.Sitemap)]
    [InlineData("/sitemap-news.xml", PageKind.Sitemap)]
    [InlineData("/robots.txt", PageKind.Sitemap)]
    [InlineData("/css/site.css", PageKind.Asset)]
    [InlineData("/favicon.svg", PageKind.Asset)]
    [InlineData("/media/abc.webp", PageKind.Media)]
    [InlineData("/admin/articles/3", PageKind.Admin)]
    [InlineData("/healthz", PageKind.Health)]
    [InlineData("/metrics", PageKind.Metrics)]
    [InlineData("/erreur/404", PageKind.Other)]
    [InlineData("/Articles/une-page", PageKind.Other)]
    public void Requests_are_counted_by_a_few_kinds_of_page(string path, PageKind kind) =>
        Assert.Equal(kind, PageKinds.Of(new PathString(path)));
}

/// <summary>Through nginx named in <c>Proxy:TrustedProxies</c>, the client's address is believed, but not for <c>/metrics</c> by default.</summary>
public sealed class MetricsThroughProxyTests(TrustedProxyFactory app) : IClassFixture<TrustedProxyFactory>
{
    [Fact]
    public async Task A_scrape_relayed_by_a_trusted_proxy_is_refused_unless_allowed()
    {
        using var client = app.CreateClientBehindProxy("127.0.0.1");

        using var response = await client.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>A scraper in 10.0.0.0/24, allowed through the trusted proxy.</summary>
public sealed class ScrapeThroughProxyFactory() : ProxiedFactory("10.0.0.5", new Dictionary<string, string?>
{
    ["Proxy:TrustedProxies:0"] = "10.0.0.5",
    ["Metrics:AllowedNetworks:0"] = "10.0.0.0/24",
    ["Metrics:AllowThroughProxy"] = "true",
});

public sealed class MetricsAllowedThroughProxyTests(ScrapeThroughProxyFactory app) : IClassFixture<ScrapeThroughProxyFactory>
{
    [Theory]
    [InlineData("10.0.0.9", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.NotFound)]
    [InlineData("203.0.113.9", HttpStatusCode.NotFound)]
    public async Task The_client_the_trusted_proxy_names_must_be_in_the_allowed_networks(string client, HttpStatusCode expected)
    {
        using var through = app.CreateClientBehindProxy(client);

        using var response = await through.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_client_naming_itself_before_the_trusted_proxy_gains_nothing()
    {
        using var through = app.CreateClientBehindProxy("203.0.113.9");
        using var request = new HttpRequestMessage(HttpMethod.Get, MetricsEndpoint.Path);
        request.Headers.Add("X-Forwarded-For", "10.0.0.9");

        using var response = await through.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>Every request from 127.0.0.1, with counting turned off.</summary>
public sealed class MetricsOffFactory : PublisherFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" };

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, FromLoopback>();

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class MetricsOffTests(MetricsOffFactory app) : IClassFixture<MetricsOffFactory>
{
    [Fact]
    public async Task With_metrics_off_the_address_does_not_exist_even_for_loopback()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
