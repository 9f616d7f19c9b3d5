using System.Net;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// Every paged list, public or in the newsroom, answers 404 to a <c>?page=</c> that is not one of its pages:
/// past the last, zero, negative, not a number, beyond the largest number.
/// </summary>
public sealed class PageRangeTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static readonly string[] NotPages = ["2147483647", "2147483648", "99999999999999999999", "0", "-1", "-2147483648", "abc", "1.5", "1e3", "%00"];

    public static TheoryData<string, string> PublicRequests()
    {
        string[] lists = ["/", "/rubriques/spatial", "/tags/elon-musk", "/auteurs/julien-marchetti", "/recherche?q=fusee", "/recherche?q=zorglub", "/recherche"];
        var requests = new TheoryData<string, string>();
        foreach (var list in lists)
        {
            foreach (var page in NotPages.Append("50"))
            {
                requests.Add(list, page);
            }
        }
        return requests;
    }

    private static string WithPage(string list, string page) => list + (list.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=" + page;

    [Theory]
    [MemberData(nameof(PublicRequests))]
    public async Task A_public_list_answers_404_to_a_page_it_does_not_have(string list, string page)
    {
        var (response, _) = await app.GetPageAsync(WithPage(list, page));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{WithPage(list, page)}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/recherche?q=fusee")]
    [InlineData("/recherche?q=zorglub")]
    [InlineData("/recherche")]
    public async Task The_first_page_of_a_search_is_there_even_when_nothing_is_found(string search)
    {
        var (response, _) = await app.GetPageAsync(WithPage(search, "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_newsroom_list_answers_404_to_a_page_it_does_not_have()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        foreach (var list in new[] { "/admin", "/admin?statut=draft", "/admin?titre=zorglub" })
        {
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(WithPage(list, "1"))).Response.StatusCode);
            foreach (var page in NotPages.Append("2"))
            {
                var (response, _) = await session.GetAsync(WithPage(list, page));

                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{WithPage(list, page)}: {(int)response.StatusCode}");
            }
        }
    }
}
