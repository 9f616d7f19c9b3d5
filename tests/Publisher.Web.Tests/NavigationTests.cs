using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Caching;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Articles;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

public sealed class NavigationTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task An_article_links_to_its_author_whose_page_has_a_bio_and_their_articles()
    {
        var (_, article) = await app.GetPageAsync("/articles/" + SampleContent.UpdatedSlug);
        var author = article.QuerySelector("main .byline a.author")!;
        Assert.Equal("Camille Renaud", author.TextContent);

        var (response, page) = await app.GetPageAsync(author.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Camille Renaud", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Journaliste spécialisée en cybersécurité", page.QuerySelector(".bio")!.Text(), StringComparison.Ordinal);
        var articles = page.QuerySelector("main")!.LinkTargets(".article-list h2 a");
        Assert.Contains("/articles/" + SampleContent.UpdatedSlug, articles);
        Assert.All(articles, link => Assert.Contains(link["/articles/".Length..], SampleContent.Published));
    }

    [Fact]
    public async Task The_author_is_a_person_with_an_address_in_the_json_ld()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.UpdatedSlug);

        var author = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => System.Text.Json.JsonDocument.Parse(script.TextContent).RootElement)
            .Single(node => node.GetProperty("@type").GetString() == "NewsArticle").GetProperty("author");
        Assert.Equal(PublisherFactory.BaseUrl + "/auteurs/camille-renaud", author.GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_unknown_author_is_not_found()
    {
        var (response, _) = await app.GetPageAsync("/auteurs/personne");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Read_also_lists_up_to_four_published_articles_sharing_tags_first_never_the_article()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var related = page.QuerySelector("section.related")!;
        Assert.Equal("À lire aussi", related.QuerySelector("h2")!.TextContent);
        var links = related.LinkTargets();
        Assert.InRange(links.Count, 1, 4);
        Assert.DoesNotContain("/articles/" + SampleContent.SeedSlug, links);
        Assert.All(links, link => Assert.Contains(link["/articles/".Length..], SampleContent.Published));
        // The DSA article shares three tags with the seed (Elon Musk, X, Union européenne): it comes first.
        Assert.Equal("/articles/dsa-procedure-x-grok", links[0]);
    }

    [Theory]
    [InlineData("/articles/" + SampleContent.SeedSlug, new[] { "Accueil", "Réseaux sociaux", "Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter" })]
    [InlineData("/rubriques/spatial", new[] { "Accueil", "Spatial" })]
    [InlineData("/tags/elon-musk", new[] { "Accueil", "Elon Musk" })]
    public async Task Articles_sections_and_tags_show_where_they_stand(string path, string[] trail)
    {
        var (_, page) = await app.GetPageAsync(path);

        var breadcrumbs = page.QuerySelector("nav.breadcrumbs")!;
        Assert.Equal(trail, breadcrumbs.QuerySelectorAll("li").Select(item => item.Text()));
        Assert.Equal("/", breadcrumbs.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("page", breadcrumbs.QuerySelector("li:last-child [aria-current]")!.GetAttribute("aria-current"));
    }
}

public sealed class RelatedArticlesTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task Unpublished_articles_are_never_suggested()
    {
        var store = app.Services.GetRequiredService<ImportArticles>();
        var draft = new ArticleInput(
            "brouillon-lie", "Un brouillon qui partage tout", "Chapô.", "Texte.", "Réseaux sociaux", "Sophie Delorme",
            ["Elon Musk", "X", "Désinformation", "Union européenne"], ArticleStatus.Draft, null, null, null, null, null, null);
        await store.UpsertAsync(draft, null, TestContext.Current.CancellationToken);
        await store.UpsertAsync(draft with { Slug = "futur-lie", Status = ArticleStatus.Scheduled, PublishedAt = PublisherFactory.Today.AddDays(3) }, null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var links = page.QuerySelector("section.related")!.LinkTargets();
        Assert.DoesNotContain("/articles/brouillon-lie", links);
        Assert.DoesNotContain("/articles/futur-lie", links);
    }
}

/// <summary>With the page cache off, « À lire aussi » comes from memory: it must follow every change all the same.</summary>
public sealed class RelatedArticlesInMemoryTests(PageCacheOffTests.Factory app) : IClassFixture<PageCacheOffTests.Factory>
{
    private const string Page = "/articles/ariane-64-premier-vol";

    private ImportArticles Store => app.Services.GetRequiredService<ImportArticles>();

    private async Task<IReadOnlyList<string>> SuggestionsAsync()
    {
        var (_, page) = await app.GetPageAsync(Page);
        return page.QuerySelector("section.related")?.LinkTargets() ?? [];
    }

    private static ArticleInput Launcher(string slug, IReadOnlyList<string> tags, ArticleStatus status, DateTimeOffset published) =>
        TestArticles.Input(slug, "Un lanceur de plus", published, status, section: "Télécoms") with { Tags = tags };

    [Fact]
    public async Task Tagging_an_article_makes_it_a_suggestion_on_the_next_render()
    {
        var published = new DateTimeOffset(2019, 3, 1, 8, 0, 0, TimeSpan.Zero);
        await Store.UpsertAsync(Launcher("memoire-vieux-lanceur", ["Archives"], ArticleStatus.Published, published), null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("/articles/memoire-vieux-lanceur", await SuggestionsAsync());

        await Store.UpsertAsync(Launcher("memoire-vieux-lanceur", ["Fusées", "ESA", "Lanceurs réutilisables"], ArticleStatus.Published, published), null, TestContext.Current.CancellationToken);

        Assert.Contains("/articles/memoire-vieux-lanceur", await SuggestionsAsync());
    }

    [Fact]
    public async Task An_article_dated_a_few_minutes_ahead_is_suggested_once_its_time_has_come()
    {
        // Published with a date ahead, so that the scheduler has nothing to do: only the memory's own expiry
        // (the next article's time, sooner than its five-minute maximum) can bring it in.
        var goesLive = app.Clock.GetUtcNow().AddMinutes(2);
        await Store.UpsertAsync(Launcher("memoire-lanceur-programme", ["Fusées", "ESA", "Lanceurs réutilisables"], ArticleStatus.Published, goesLive), null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("/articles/memoire-lanceur-programme", await SuggestionsAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Contains("/articles/memoire-lanceur-programme", await SuggestionsAsync());
    }

    [Fact]
    public async Task A_list_computed_from_an_article_read_before_a_change_is_not_kept()
    {
        var related = app.Services.GetRequiredService<RelatedArticles>();
        var changes = app.Services.GetRequiredService<ArticleChanges>();
        var queries = app.Services.GetRequiredService<ArticleQueries>();
        var token = TestContext.Current.CancellationToken;
        var article = (await queries.FindPublishedAsync("starship-transfert-ergols", app.Clock.GetUtcNow(), token))!;
        var readBefore = changes.Watch();
        await changes.NotifyAsync(ContentChange.EveryPage);

        var first = await related.ListAsync(article, readBefore, token);
        await RetitleBehindTheSiteAsync(first[0].Id, "Titre relu après coup");
        var second = await related.ListAsync(article, changes.Watch(), token);
        await RetitleBehindTheSiteAsync(first[0].Id, "Titre que la mémoire ignore");
        var third = await related.ListAsync(article, changes.Watch(), token);

        Assert.Equal("Titre relu après coup", second.Single(row => row.Id == first[0].Id).Title);
        Assert.Equal("Titre relu après coup", third.Single(row => row.Id == first[0].Id).Title); // kept this time
    }

    // Without telling the site: only a list read afresh can show it.
    private async Task RetitleBehindTheSiteAsync(long id, string title)
    {
        await using var connection = app.Database.Open();
        await connection.ExecuteAsync(new CommandDefinition("UPDATE articles SET title = @Title WHERE id = @Id", new { Title = title, Id = id }, cancellationToken: TestContext.Current.CancellationToken));
    }
}
