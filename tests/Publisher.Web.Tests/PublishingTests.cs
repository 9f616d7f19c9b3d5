using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>Saves articles through the app's own store and reads the pages readers get.</summary>
public sealed class PublishingTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private ImportArticles Store => app.Services.GetRequiredService<ImportArticles>();

    [Fact]
    public async Task A_newly_published_article_tops_the_sidebar_at_once()
    {
        var (_, before) = await app.GetPageAsync("/rubriques/telecoms");
        Assert.DoesNotContain("/articles/lancement-reussi", before.Sidebar().LinkTargets());

        await Store.UpsertAsync(TestArticles.Input("lancement-reussi", "Lancement réussi pour la mission Callisto", PublisherFactory.Today.AddMinutes(-1)), null, TestContext.Current.CancellationToken);

        var (_, after) = await app.GetPageAsync("/rubriques/telecoms");
        Assert.Equal("/articles/lancement-reussi", after.Sidebar().LinkTargets()[0]);
        Assert.Equal("Lancement réussi pour la mission Callisto", after.Sidebar().QuerySelector("a")!.Text());
    }

    [Fact]
    public async Task An_edited_title_shows_in_the_sidebar_at_once()
    {
        await Store.UpsertAsync(TestArticles.Input("titre-corrige", "Un titre avec une fote", PublisherFactory.Today.AddMinutes(-5)), null, TestContext.Current.CancellationToken);
        var (_, before) = await app.GetPageAsync("/");
        Assert.Contains("Un titre avec une fote", before.Sidebar().Text(), StringComparison.Ordinal);

        await Store.UpsertAsync(TestArticles.Input("titre-corrige", "Un titre sans faute ?", PublisherFactory.Today.AddMinutes(-5)), null, TestContext.Current.CancellationToken);

        var (_, after) = await app.GetPageAsync("/");
        Assert.Contains("Un titre sans faute\u202F?", after.Sidebar().TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fote", after.Sidebar().Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Titles_and_standfirsts_get_the_typography_pass()
    {
        var input = TestArticles.Input("typographie-du-titre", "L'IA : vraiment \"intelligente\" ?", PublisherFactory.Today.AddDays(-400)) with { Standfirst = "Une question ; une réponse !" };
        await Store.UpsertAsync(input, null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/typographie-du-titre");

        Assert.Equal("L’IA\u00A0: vraiment «\u202Fintelligente\u202F»\u202F?", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Une question\u202F; une réponse\u202F!", page.QuerySelector("main .standfirst")!.TextContent);
    }
}

/// <summary>Lists of more than one page, built on an empty database.</summary>
public sealed class ListPaginationTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        var store = app.Services.GetRequiredService<ImportArticles>();
        for (var i = 1; i <= 23; i++)
        {
            var input = new ArticleInput(
                $"essai-{i:00}", $"Essai numéro {i}", "Un chapô.", "Un texte.", "Spatial", "Julien Marchetti", ["Fusées"],
                ArticleStatus.Published, PublisherFactory.Today.AddDays(-i), null, null, null, null, null);
            await store.UpsertAsync(input, null, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("/rubriques/spatial")]
    [InlineData("/tags/fusees")]
    public async Task Section_and_tag_pages_paginate_ten_at_a_time(string list)
    {
        var (_, first) = await app.GetPageAsync(list);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"/articles/essai-{i:00}"), first.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
        Assert.Equal(list + "?page=2", first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href"));

        var (_, third) = await app.GetPageAsync(list + "?page=3");
        Assert.Equal(["/articles/essai-21", "/articles/essai-22", "/articles/essai-23"], third.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
        Assert.Equal(list + "?page=2", third.QuerySelector("nav.pagination a[rel=prev]")!.GetAttribute("href"));

        var (response, _) = await app.GetPageAsync(list + "?page=4");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/rubriques/cybersecurite")]
    [InlineData("/tags/inconnu")]
    public async Task An_unknown_section_or_tag_is_not_found(string path)
    {
        var (response, page) = await app.GetPageAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page introuvable", page.QuerySelector("h1")!.Text());
    }
}
