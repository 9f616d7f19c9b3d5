using System.Net;
using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Tests;

/// <summary>What the open internet sends a news site: every answer is a 2xx, 3xx or 4xx page, never a 500, and nothing is written.</summary>
public sealed class HostileInputTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const string Injection = "' OR 1=1; DROP TABLE articles; --";

    public static TheoryData<string, HttpStatusCode> Requests() => new()
    {
        { "/?page=-1", HttpStatusCode.NotFound },
        { "/?page=0", HttpStatusCode.NotFound },
        { "/?page=abc", HttpStatusCode.NotFound },
        { "/?page=99999999999999999999", HttpStatusCode.NotFound },
        { "/?page=2147483647", HttpStatusCode.NotFound },
        { "/rubriques/spatial?page=2147483647", HttpStatusCode.NotFound },
        { "/recherche?q=fusee&page=2147483647", HttpStatusCode.NotFound },
        { "/recherche?q=fusee&page=-5", HttpStatusCode.NotFound },
        { "/articles/%C3%28", HttpStatusCode.NotFound },
        { "/articles/%FF%FE%FD", HttpStatusCode.NotFound },
        { "/rubriques/%ED%A0%80", HttpStatusCode.NotFound },
        { "/recherche?q=%FF%FE", HttpStatusCode.OK },
        { "/recherche?q=" + "%C3%A9t%C3%A9%20" + "aaaa", HttpStatusCode.OK },
        { "/articles/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound },
        { "/media/..%2F..%2Fpublisher.db", HttpStatusCode.NotFound },
        { "/tags/%3Cscript%3Ealert(1)%3C%2Fscript%3E", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Malformed_and_out_of_range_addresses_get_a_page_not_an_error(string path, HttpStatusCode expected)
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} to {response.Headers.Location}");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        InternalDetails.AssertAbsent(body, path);
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_very_long_search_is_cut_not_refused()
    {
        var (response, page) = await app.GetPageAsync("/recherche?q=" + string.Concat(Enumerable.Repeat("fusee ", 2000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.QuerySelector("#recherche-page")!.GetAttribute("value")!.Length <= Publisher.Web.Pages.Search.IndexModel.MaxQueryLength);
    }

    public static TheoryData<string> InjectedPaths() =>
    [
        "/articles/" + Uri.EscapeDataString(Injection),
        "/rubriques/" + Uri.EscapeDataString(Injection),
        "/tags/" + Uri.EscapeDataString(Injection),
        "/auteurs/" + Uri.EscapeDataString(Injection),
        "/rubriques/" + Uri.EscapeDataString(Injection) + "/feed.xml",
        "/tags/" + Uri.EscapeDataString(Injection) + "/feed.xml",
        "/sitemaps/articles-" + Uri.EscapeDataString(Injection) + ".xml",
        "/recherche?q=" + Uri.EscapeDataString(Injection),
        "/recherche?q=" + Uri.EscapeDataString("\") OR rowid > 0 --"),
        "/recherche?q=" + Uri.EscapeDataString("titre:* OR NEAR(a b) -x ^y"),
        "/?page=" + Uri.EscapeDataString("1; DELETE FROM articles"),
        "/articles/" + SampleContent.SeedSlug + "?page=" + Uri.EscapeDataString(Injection),
    ];

    [Theory]
    [MemberData(nameof(InjectedPaths))]
    public async Task Sql_typed_into_any_public_parameter_is_only_ever_data(string path)
    {
        var (before, schemaBefore) = await DatabaseStateAsync();
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        InternalDetails.AssertAbsent(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), path);
        Assert.Equal((before, schemaBefore), await DatabaseStateAsync());
        var (home, _) = await app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    // The articles as they are, and the schema: an injection that wrote anything would change one or the other.
    private async Task<(string Articles, string Schema)> DatabaseStateAsync()
    {
        _ = app.Services;
        await using var connection = app.Database.Open();
        var articles = string.Join('\n', await connection.QueryAsync<string>("SELECT id || ':' || slug || ':' || revision || ':' || status FROM articles ORDER BY id"));
        var schema = string.Join('\n', await connection.QueryAsync<string>(app.Database.Engine == DatabaseEngine.Sqlite
            ? "SELECT type || ':' || name FROM sqlite_master ORDER BY name"
            : "SELECT CAST(c.relkind AS TEXT) || ':' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY c.relname"));
        return (articles, schema);
    }
}
