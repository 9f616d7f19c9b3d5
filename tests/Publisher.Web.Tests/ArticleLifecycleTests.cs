using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>Publishes, renames and deletes articles, and checks what crawlers and feed readers see at once.</summary>
public sealed class ArticleLifecycleTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const string Base = PublisherFactory.BaseUrl;

    private ImportArticles Store => app.Services.GetRequiredService<ImportArticles>();

    private static ArticleInput Article(string slug, string title) => new(
        slug, title, "Un chapô.", "Un texte.", "Télécoms", "Sophie Delorme", ["Opérateurs"],
        ArticleStatus.Published, PublisherFactory.Today.AddHours(-2), null, null, null, null, null);

    private async Task<(IReadOnlyList<string> Sitemap, IReadOnlyList<string> Feed)> ListedAsync()
    {
        var sitemap = (await app.XmlAsync("/sitemap.xml")).Locations();
        var feed = (await app.FeedAsync("/feed.xml")).Items.Select(item => item.Links[0].Uri.ToString()).ToList();
        return (sitemap, feed);
    }

    [Fact]
    public async Task A_deleted_article_is_gone_at_once_from_its_page_the_sitemaps_and_the_feeds()
    {
        await Store.UpsertAsync(Article("a-supprimer", "Un article bientôt retiré"), null, TestContext.Current.CancellationToken);
        Assert.Contains(Base + "/articles/a-supprimer", (await ListedAsync()).Sitemap);

        var editor = await AdminSession.CreateEditorIdAsync(app);
        await app.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await app.ArticleIdAsync("a-supprimer"), editor, TestContext.Current.CancellationToken);

        var (sitemap, feed) = await ListedAsync();
        Assert.DoesNotContain(Base + "/articles/a-supprimer", sitemap);
        Assert.DoesNotContain(Base + "/articles/a-supprimer", feed);
        var (response, page) = await app.GetPageAsync("/articles/a-supprimer");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Article retiré", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        await app.Services.GetRequiredService<DeleteArticle>().RestoreAsync(await app.ArticleIdAsync("a-supprimer"), editor, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("/articles/a-supprimer")).Response.StatusCode);
        Assert.Contains(Base + "/articles/a-supprimer", (await ListedAsync()).Sitemap);
    }

    [Fact]
    public async Task A_tag_s_pages_stay_full_when_one_of_its_articles_is_deleted_unpublished_or_edited_while_deleted()
    {
        var tagged = Enumerable.Range(1, ArticlePage.Size + 4).Select(i => $"etiquette-{i:00}").ToList();
        foreach (var (slug, i) in tagged.Select((slug, i) => (slug, i)))
        {
            await Store.UpsertAsync(Article(slug, $"Article étiqueté {i}") with { Tags = ["Zorglubologie"], PublishedAt = PublisherFactory.Today.AddHours(-3 - i) }, null, TestContext.Current.CancellationToken);
        }
        var editor = await AdminSession.CreateEditorIdAsync(app);
        async Task<IReadOnlyList<string>> TagPageAsync(int page) =>
            (await app.GetPageAsync($"/tags/zorglubologie?page={page}")).Document.QuerySelector("main")!.LinkTargets(".article-list h2 a");

        await app.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await app.ArticleIdAsync(tagged[0]), editor, TestContext.Current.CancellationToken);
        await Store.UpsertAsync(Article(tagged[1], "Article étiqueté 1") with { Tags = ["Zorglubologie"], Status = ArticleStatus.Draft }, null, TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await app.ArticleIdAsync(tagged[2]), editor, TestContext.Current.CancellationToken);
        await Store.UpsertAsync(Article(tagged[2], "Article étiqueté 2, corrigé") with { Tags = ["Zorglubologie"], PublishedAt = PublisherFactory.Today.AddHours(-5) }, null, TestContext.Current.CancellationToken);

        Assert.Equal(tagged[3..^1].Select(slug => "/articles/" + slug), await TagPageAsync(1));
        Assert.Equal(["/articles/" + tagged[^1]], await TagPageAsync(2));

        await app.Services.GetRequiredService<DeleteArticle>().RestoreAsync(await app.ArticleIdAsync(tagged[0]), editor, TestContext.Current.CancellationToken);

        Assert.Equal(tagged[..1].Concat(tagged[3..^2]).Select(slug => "/articles/" + slug), await TagPageAsync(1));
        Assert.Equal(tagged[^2..].Select(slug => "/articles/" + slug), await TagPageAsync(2));
    }

    [Fact]
    public async Task A_change_gives_pages_a_new_validator_and_a_later_last_modified()
    {
        using var client = app.CreateReader();
        using var before = await client.GetAsync(new Uri("/rubriques/telecoms", UriKind.Relative), TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await Store.UpsertAsync(Article("nouvelle-antenne", "Une nouvelle antenne") with { PublishedAt = app.Clock.GetUtcNow() }, null, TestContext.Current.CancellationToken);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, new Uri("/rubriques/telecoms", UriKind.Relative));
        byTag.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var changed = await client.SendAsync(byTag, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, new Uri("/rubriques/telecoms", UriKind.Relative));
        byDate.Headers.IfModifiedSince = before.Content.Headers.LastModified;
        using var changedSince = await client.SendAsync(byDate, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, changedSince.StatusCode);
        Assert.True(changedSince.Content.Headers.LastModified > before.Content.Headers.LastModified);
    }

    [Fact]
    public async Task An_unpublished_article_leaves_the_sitemap_and_the_feed_at_once()
    {
        await Store.UpsertAsync(Article("retour-en-brouillon", "Un article dépublié"), null, TestContext.Current.CancellationToken);
        Assert.Contains(Base + "/articles/retour-en-brouillon", (await ListedAsync()).Feed);

        await Store.UpsertAsync(Article("retour-en-brouillon", "Un article dépublié") with { Status = ArticleStatus.Draft }, null, TestContext.Current.CancellationToken);

        var (sitemap, feed) = await ListedAsync();
        Assert.DoesNotContain(Base + "/articles/retour-en-brouillon", sitemap);
        Assert.DoesNotContain(Base + "/articles/retour-en-brouillon", feed);
    }

    [Fact]
    public async Task A_hostile_title_stays_text_in_the_page_the_json_ld_the_feed_and_the_sitemaps()
    {
        const string title = "Il a dit \"<script>alert('x')</script>\" & </script><b>fin";
        await Store.UpsertAsync(Article("titre-hostile", title) with { Standfirst = "Chapô </script> & \"guillemets\"" }, null, TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/articles/titre-hostile");
        Assert.Equal(Html.Normalize("Il a dit « <script>alert('x’)</script> » & </script><b>fin"), page.QuerySelector("h1")!.Text());
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));
        Assert.Empty(page.QuerySelectorAll("main b"));
        var headline = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => System.Text.Json.JsonDocument.Parse(script.TextContent).RootElement)
            .Single(node => node.GetProperty("@type").GetString() == "NewsArticle").GetProperty("headline").GetString();
        Assert.Equal(page.QuerySelector("h1")!.TextContent, headline);

        var feed = await app.FeedAsync("/feed.xml");
        Assert.Equal(page.QuerySelector("h1")!.TextContent, feed.Items.Single(item => item.Links[0].Uri.AbsolutePath == "/articles/titre-hostile").Title.Text);
        Assert.Contains(Base + "/articles/titre-hostile", (await app.XmlAsync("/sitemap.xml")).Locations());
        Assert.Contains(Base + "/articles/titre-hostile", (await app.XmlAsync("/sitemap-news.xml")).Locations());
    }
}

/// <summary>Moves the clock, so it has an app of its own.</summary>
public sealed class ScheduledSyndicationTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task A_scheduled_article_enters_the_sitemap_and_the_feed_at_its_minute()
    {
        var address = PublisherFactory.BaseUrl + "/articles/" + SampleContent.ScheduledSlug;
        app.Clock.SetUtcNow(SampleContent.ScheduledAt.AddMinutes(-1));
        Assert.DoesNotContain(address, (await app.XmlAsync("/sitemap.xml")).Locations());
        Assert.DoesNotContain(new Uri(address), (await app.FeedAsync("/feed.xml")).Items.Select(item => item.Links[0].Uri));

        await app.Clock.WaitForATimerAsync();
        app.Clock.SetUtcNow(SampleContent.ScheduledAt);
        // The scheduled publisher wakes at the minute and evicts the cached lists; on PostgreSQL that takes a
        // round trip, which a request sent at the same instant may beat: a crawler coming back sees it.
        await WaitUntilListedAsync(address);

        Assert.Contains(address, (await app.XmlAsync("/sitemap.xml")).Locations());
        Assert.Equal(new Uri(address), (await app.FeedAsync("/feed.xml")).Items.First().Links[0].Uri);
        Assert.Contains(address, (await app.XmlAsync("/sitemap-news.xml")).Locations());
    }

    private async Task WaitUntilListedAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await app.XmlAsync("/sitemap.xml")).Locations().Contains(address))
        {
            Assert.True(DateTime.UtcNow < deadline, "the sitemap did not list the article within 10 seconds of its minute");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
