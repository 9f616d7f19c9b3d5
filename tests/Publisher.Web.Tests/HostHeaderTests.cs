using System.Net;

namespace Publisher.Web.Tests;

/// <summary>
/// The Host header is the client's to write: only the site's own host (from <c>Site:BaseUrl</c>) and the machine's
/// loopback names are served, and no address the site writes is built from it.
/// </summary>
public sealed class HostHeaderTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string host)
    {
        using var client = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = host;
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/feed.xml")]
    [InlineData("/admin")]
    [InlineData("/admin/connexion")]
    public async Task Another_host_is_refused(string path)
    {
        using var response = await GetAsync(path, "evil.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("www.publisher.test")]
    [InlineData("WWW.Publisher.Test")]
    [InlineData("www.publisher.test:443")]
    [InlineData("localhost")]
    [InlineData("localhost:5055")]
    [InlineData("127.0.0.1:5055")]
    [InlineData("[::1]:5055")]
    public async Task The_sites_host_and_the_loopback_names_are_served(string host)
    {
        using var response = await GetAsync("/", host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>An operator who sets <c>AllowedHosts</c> to <c>*</c>: every host is served, and still none is written back.</summary>
public sealed class AnyHostTests(AnyHostTests.AnyHostFactory app) : IClassFixture<AnyHostTests.AnyHostFactory>
{
    public sealed class AnyHostFactory : PublisherFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AllowedHosts"] = "*" };
    }

    private async Task<HttpResponseMessage> GetAsync(string path, HttpClient? client = null)
    {
        using var reader = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = "evil.example";
        return await (client ?? reader).SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_allowed_hosts_setting_is_kept()
    {
        using var response = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_redirect_to_sign_in_never_names_the_requests_host()
    {
        using var response = await GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/connexion?ReturnUrl=%2Fadmin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_redirect_of_a_forbidden_page_never_names_the_requests_host()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Publisher.Web.Pages.Admin.Accounts.Roles.Author));

        using var response = await GetAsync("/admin/comptes", session.Client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/acces-refuse?ReturnUrl=%2Fadmin%2Fcomptes", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/rubriques/spatial")]
    [InlineData("/recherche?q=fusee")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemap-news.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/Articles/" + SampleContent.SeedSlug)]
    [InlineData("/admin/connexion")]
    public async Task No_address_the_site_writes_names_the_requests_host(string path)
    {
        using var response = await GetAsync(path);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", response.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", response.Content.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
