using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Sidebar;

namespace Publisher.Web.Tests;

/// <summary>An app whose sidebar query fails, as when the database is unreachable.</summary>
public sealed class BrokenPublisherFactory : PublisherFactory
{
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IRecentArticlesQuery, FailingRecentArticlesQuery>();

    private sealed class FailingRecentArticlesQuery : IRecentArticlesQuery
    {
        public Task<IReadOnlyList<ArticleSummaryRow>> LatestAsync(int count, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database is locked (test)");

        public Task<DateTimeOffset?> NextScheduledAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database is locked (test)");
    }
}

public sealed class ErrorPageTests(BrokenPublisherFactory app) : IClassFixture<BrokenPublisherFactory>
{
    [Fact]
    public async Task A_server_error_shows_a_french_page_without_details()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", html, StringComparison.Ordinal);
        InternalDetails.AssertAbsent(html);
        // The exception handler clears the failed response's headers: the error page still gets the security ones.
        Assert.Equal(Publisher.Web.Http.SecurityHeaders.PublicPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
