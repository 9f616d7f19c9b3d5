using System.Net;
using Publisher.Web.Http;

namespace Publisher.Web.Tests;

/// <summary>Every response, cached or not, page or file or error, carries the security headers.</summary>
public sealed class SecurityHeadersTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    public static TheoryData<string> PublicPaths() =>
    [
        "/",
        "/articles/" + SampleContent.SeedSlug,
        "/rubriques/spatial",
        "/recherche?q=fusee",
        "/feed.xml",
        "/robots.txt",
        "/favicon.svg",
        "/articles/cet-article-n-existe-pas",
    ];

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task A_public_response_forbids_inline_script_sniffing_and_framing_by_others_even_from_the_cache(string path)
    {
        using var client = app.CreateReader();
        for (var request = 0; request < 2; request++)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(SecurityHeaders.PublicPolicy, policy);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_admin_area_may_never_be_framed()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri("/admin/connexion", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.AdminPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.EndsWith("frame-ancestors 'none'", SecurityHeaders.AdminPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_hold_no_inline_script_or_style_that_the_policy_would_block()
    {
        foreach (var path in new[] { "/", "/articles/" + SampleContent.SeedSlug, "/admin/connexion" })
        {
            var (_, page) = await app.GetPageAsync(path);

            Assert.All(page.Scripts, script => Assert.True(
                script.Source is { Length: > 0 } || script.Type == "application/ld+json",
                $"an inline script on {path}: {script.OuterHtml[..Math.Min(80, script.OuterHtml.Length)]}"));
            Assert.Empty(page.QuerySelectorAll("style, [style]"));
            Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onerror]"));
        }
    }

    [Fact]
    public async Task Https_responses_tell_browsers_to_keep_to_https_for_a_year()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(PublisherFactory.BaseUrl),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}
