using System.Net;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// Methods the site does not use (TRACE, PUT, DELETE, PATCH, OPTIONS, WebDAV's, made-up ones) on every kind of
/// address: 405 with an <c>Allow</c> header naming what the address does answer, never a 5xx.
/// </summary>
public sealed class UnsupportedMethodTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static readonly string[] Unsupported = ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "BREW"];

    private static readonly string[] Read = ["GET", "HEAD"];

    private static readonly string[] ReadAndPost = ["GET", "HEAD", "POST"];

    public static TheoryData<string, string, string> Requests()
    {
        (string Path, string[] Allowed)[] addresses =
        [
            ("/", Read),
            ("/?page=2", Read),
            ("/articles/" + SampleContent.SeedSlug, Read),
            ("/rubriques/spatial", Read),
            ("/tags/elon-musk", Read),
            ("/auteurs/camille-renaud", Read),
            ("/recherche?q=fusee", Read),
            ("/feed.xml", Read),
            ("/rubriques/spatial/feed.xml", Read),
            ("/sitemap.xml", Read),
            ("/sitemap-news.xml", Read),
            ("/robots.txt", Read),
            ("/css/site.css", Read),
            ("/favicon.svg", Read),
            ("/erreur/404", ReadAndPost),
            ("/admin", Read),
            ("/admin/connexion", ReadAndPost),
            ("/healthz", Read),
            ("/readyz", Read),
        ];
        var requests = new TheoryData<string, string, string>();
        foreach (var (path, allowed) in addresses)
        {
            foreach (var method in Unsupported)
            {
                requests.Add(method, path, string.Join(", ", allowed));
            }
        }
        return requests;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_unsupported_method_is_answered_405_with_the_methods_allowed(string method, string path, string allowed)
    {
        using var client = app.CreateReader();

        await AssertMethodNotAllowedAsync(client, method, path, allowed);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/recherche?q=fusee")]
    [InlineData("/feed.xml")]
    [InlineData("/css/site.css")]
    public async Task A_post_to_an_address_with_no_form_is_answered_405(string path)
    {
        using var client = app.CreateReader();

        await AssertMethodNotAllowedAsync(client, "POST", path, "GET, HEAD");
    }

    [Fact]
    public async Task A_picture_answers_405_to_an_unsupported_method()
    {
        var (_, article) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);
        var picture = article.QuerySelector("main article figure img")!.GetAttribute("src")!;
        Assert.StartsWith("/media/", picture, StringComparison.Ordinal);
        using var client = app.CreateReader();

        foreach (var method in Unsupported)
        {
            await AssertMethodNotAllowedAsync(client, method, picture, "GET, HEAD");
        }
    }

    [Fact]
    public async Task Admin_pages_answer_405_to_a_signed_in_editor_too()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Admin));

        foreach (var method in Unsupported)
        {
            await AssertMethodNotAllowedAsync(session.Client, method, "/admin", "GET, HEAD");
            await AssertMethodNotAllowedAsync(session.Client, method, "/admin/articles", "GET, HEAD, POST");
            await AssertMethodNotAllowedAsync(session.Client, method, "/admin/comptes", "GET, HEAD, POST");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/recherche?q=fusee")]
    [InlineData("/feed.xml")]
    [InlineData("/css/site.css")]
    [InlineData("/admin/connexion")]
    public async Task Get_and_head_still_answer_200(string path)
    {
        using var client = app.CreateReader();
        foreach (var method in Read)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    private static async Task AssertMethodNotAllowedAsync(HttpClient client, string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(allowed.Split(", ").Order(), response.Content.Headers.Allow.Order());
        InternalDetails.AssertAbsent(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), $"{method} {path}");
    }
}
