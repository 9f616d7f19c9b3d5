using System.Net;

namespace Publisher.Web.Tests;

/// <summary>The signs <see cref="InternalDetails"/> looks for: found in any spelling, never in the site's own pages.</summary>
public sealed class InternalDetailsTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    public static TheoryData<string> Leaks() =>
    [
        "System.InvalidOperationException: database is locked (test)",
        "<pre>InvalidOperationException: database is locked</pre>",
        "erreur : invalidoperationexception",
        "Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 5: 'database is locked'.",
        "sqlite error 1: 'no such table: articles'",
        "Npgsql.PostgresException (0x80004005): 42P01: relation does not exist",
        "   at Publisher.Web.Pages.Home.IndexModel.OnGetAsync(Int32 page)",
        "<br>AT PUBLISHER.WEB.PROGRAM.MAIN(String[] args)",
        "at Program.&lt;Main&gt;$(String[] args)",
        "in /src/Publisher.Web/Pages/Home/Index.cshtml.cs:line 24",
        "An unhandled exception occurred while processing the request.",
        "<h2>Stack Trace</h2>",
        "\"stackTrace\": \"…\"",
        "Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware",
        "Dapper.SqlMapper.QueryAsync",
        "system.io.ioexception",
    ];

    [Theory]
    [MemberData(nameof(Leaks))]
    public void A_sign_of_an_internal_detail_is_found_whatever_its_case(string body) =>
        Assert.NotNull(InternalDetails.Find(body));

    public static TheoryData<string> NewsText() =>
    [
        "Des exceptions existent pour les œuvres manifestement artistiques.",
        "À l’exception de la Bretagne, la couverture est exceptionnelle ; Exception faite des Alpes.",
        "Tout le système. Puis le Domain Name System. Enfin, le système d’exploitation.",
        "Voir <a href=\"https://learn.microsoft.com/fr-fr/\">la documentation</a> de Microsoft. Fin.",
        "Rendez-vous at Station F (Paris), une pile (stack) logicielle, un tracé.",
    ];

    [Theory]
    [MemberData(nameof(NewsText))]
    public void News_text_is_not_taken_for_a_leak(string body) =>
        Assert.Null(InternalDetails.Find(body));

    public static TheoryData<string> SitePages() => new(
        SampleContent.Published.Select(slug => "/articles/" + slug)
            .Concat(["/", "/?page=2", "/recherche?q=exception", "/articles/inconnu"]));

    [Theory]
    [MemberData(nameof(SitePages))]
    public async Task The_site_s_own_pages_show_no_sign(string path)
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        InternalDetails.AssertAbsent(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), path);
    }
}
