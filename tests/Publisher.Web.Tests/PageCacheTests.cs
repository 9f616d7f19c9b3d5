using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Http;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Scheduling;

namespace Publisher.Web.Tests;

/// <summary>
/// Pages are served from memory after their first render, and a change drops exactly the pages that show it.
/// A response from the cache carries an <c>Age</c> header; a fresh render does not.
/// </summary>
public sealed class PageCacheTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private ImportArticles Store => app.Services.GetRequiredService<ImportArticles>();

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding = null, string? cookie = null)
    {
        using var client = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(acceptEncoding));
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    private async Task<bool> IsServedFromCacheAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }

    private async Task<string> BodyAsync(string path)
    {
        using var response = await GetAsync(path);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_page_is_rendered_once_then_served_from_memory()
    {
        const string path = "/articles/" + SampleContent.SeedSlug;
        await GetAsync(path);

        Assert.True(await IsServedFromCacheAsync(path));
        Assert.True(await IsServedFromCacheAsync(path));
    }

    [Fact]
    public async Task Query_keys_the_pages_do_not_read_share_the_cached_page()
    {
        await GetAsync("/rubriques/spatial");

        Assert.True(await IsServedFromCacheAsync("/rubriques/spatial?utm_source=lettre"));
    }

    [Fact]
    public async Task A_compressed_page_is_cached_per_encoding_and_a_client_without_compression_never_gets_compressed_bytes()
    {
        const string path = "/rubriques/cybersecurite";
        await GetAsync(path, acceptEncoding: "br");
        using var brotli = await GetAsync(path, acceptEncoding: "br");
        using var plain = await GetAsync(path);

        Assert.NotNull(brotli.Headers.Age);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("<!DOCTYPE html>", await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_versioned_stylesheet_is_kept_a_year_and_compressed_once()
    {
        var (_, page) = await app.GetPageAsync("/");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", stylesheet, StringComparison.Ordinal);
        await GetAsync(stylesheet, acceptEncoding: "br");

        using var response = await GetAsync(stylesheet, acceptEncoding: "br");

        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.NotNull(response.Headers.Age);
    }

    [Fact]
    public async Task A_picture_is_never_held_in_the_page_cache()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);
        var picture = page.QuerySelector("figure.hero img")!.GetAttribute("src")!;
        await GetAsync(picture);

        using var response = await GetAsync(picture);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task A_conditional_get_on_a_cached_page_gets_304()
    {
        const string path = "/tags/fusees";
        using var first = await GetAsync(path);
        using var client = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_editor_signed_in_never_gets_a_cached_page()
    {
        const string path = "/rubriques/telecoms";
        await GetAsync(path);

        using var editor = await GetAsync(path, cookie: AdminServices.SessionCookie + "=anything");

        Assert.Null(editor.Headers.Age);
    }

    [Fact]
    public async Task What_an_editor_signed_in_was_served_is_never_kept_for_readers()
    {
        const string path = "/rubriques/intelligence-artificielle";
        using var editor = await GetAsync(path, cookie: AdminServices.SessionCookie + "=anything");

        using var reader = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Null(reader.Headers.Age);
    }

    [Fact]
    public async Task Tagging_an_old_article_refreshes_the_related_articles_of_pages_that_now_share_the_tag()
    {
        const string page = "/articles/ariane-64-premier-vol";
        await Store.UpsertAsync(TestArticles.Input("cache-vieux-lanceur", "Le vieux lanceur oublié", new DateTimeOffset(2019, 3, 1, 8, 0, 0, TimeSpan.Zero), section: "Télécoms") with { Tags = ["Archives"] }, null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Le vieux lanceur oublié", await BodyAsync(page), StringComparison.Ordinal);

        await Store.UpsertAsync(TestArticles.Input("cache-vieux-lanceur", "Le vieux lanceur oublié", new DateTimeOffset(2019, 3, 1, 8, 0, 0, TimeSpan.Zero), section: "Télécoms") with { Tags = ["Fusées", "ESA", "Lanceurs réutilisables"] }, null, TestContext.Current.CancellationToken);

        Assert.Contains("Le vieux lanceur oublié", await BodyAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_article_refreshes_every_page_at_once_since_the_sidebar_shows_it()
    {
        const string elsewhere = "/articles/hopital-rancongiciel-vallon-sur-orne";
        await GetAsync(elsewhere);
        await GetAsync("/");

        await Store.UpsertAsync(TestArticles.Input("cache-nouvel-article", "Un nouvel article en tête du site", PublisherFactory.Today.AddMinutes(-1)), null, TestContext.Current.CancellationToken);

        Assert.Contains("Un nouvel article en tête du site", await BodyAsync(elsewhere), StringComparison.Ordinal);
        Assert.Contains("Un nouvel article en tête du site", await BodyAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_old_article_refreshes_its_page_and_the_lists_but_not_unrelated_articles()
    {
        await Store.UpsertAsync(TestArticles.Input("cache-archive", "Une archive de 2020", new DateTimeOffset(2020, 5, 4, 8, 0, 0, TimeSpan.Zero), section: "Télécoms"), null, TestContext.Current.CancellationToken);
        const string unrelated = "/articles/mistral-modele-ouvert";
        await GetAsync(unrelated);
        await GetAsync("/articles/cache-archive");
        await GetAsync("/rubriques/telecoms");

        await Store.UpsertAsync(TestArticles.Input("cache-archive", "Une archive de 2020, corrigée", new DateTimeOffset(2020, 5, 4, 8, 0, 0, TimeSpan.Zero), section: "Télécoms"), null, TestContext.Current.CancellationToken);

        Assert.Contains("Une archive de 2020, corrigée", await BodyAsync("/articles/cache-archive"), StringComparison.Ordinal);
        Assert.Contains("Une archive de 2020, corrigée", await BodyAsync("/rubriques/telecoms"), StringComparison.Ordinal);
        Assert.True(await IsServedFromCacheAsync(unrelated));
    }

    [Fact]
    public async Task Saving_a_draft_leaves_every_public_page_in_the_cache()
    {
        await GetAsync("/rubriques/spatial");

        await Store.UpsertAsync(TestArticles.Input("cache-brouillon", "Un brouillon", PublisherFactory.Today, ArticleStatus.Draft), null, TestContext.Current.CancellationToken);

        Assert.True(await IsServedFromCacheAsync("/rubriques/spatial"));
    }
}

/// <summary>A scheduled article going live drops the cached pages, long before they would expire.</summary>
public sealed class ScheduledPageCacheTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task A_scheduled_article_going_live_refreshes_the_cached_pages()
    {
        var live = PublisherFactory.Today.AddMinutes(2);
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(
            TestArticles.Input("cache-programme", "Un article programmé pour midi", live, ArticleStatus.Scheduled), null, TestContext.Current.CancellationToken);
        using var client = app.CreateReader();
        var before = await client.GetStringAsync(new Uri("/rubriques/spatial", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Un article programmé pour midi", before, StringComparison.Ordinal);

        app.Clock.SetUtcNow(live.AddMinutes(1));
        await app.Services.GetRequiredService<PublishDueArticles>().PublishAsync(TestContext.Current.CancellationToken);

        var after = await client.GetStringAsync(new Uri("/rubriques/spatial", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Un article programmé pour midi", after, StringComparison.Ordinal);
    }
}

/// <summary>The cache is off by configuration: every request renders, as the benchmark's cache-miss case.</summary>
public sealed class PageCacheOffTests(PageCacheOffTests.Factory app) : IClassFixture<PageCacheOffTests.Factory>
{
    public sealed class Factory : PublisherFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PageCache:Enabled"] = "false" };
    }

    [Fact]
    public async Task No_response_comes_from_the_cache()
    {
        using var client = app.CreateReader();
        await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }
}

/// <summary>The guard that keeps a page rendered across a change out of the cache.</summary>
public sealed class PageCacheStoreTests
{
    private sealed class MemoryStore : IOutputCacheStore
    {
        public Dictionary<string, string[]> Entries { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            foreach (var key in Entries.Where(entry => entry.Value.Contains(tag)).Select(entry => entry.Key).ToList())
            {
                Entries.Remove(key);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Entries[key] = tags ?? [];
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_page_whose_request_began_before_a_change_is_not_stored_even_when_it_ends_after_the_eviction()
    {
        var memory = new MemoryStore();
        using var store = new PageCacheStore(memory);
        var startedBefore = "generation:" + store.Generation;

        await store.EvictAsync([PageCacheTags.EveryPage], TestContext.Current.CancellationToken);
        await store.SetAsync("/rubriques/spatial", [1], [PageCacheTags.EveryPage, startedBefore], TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        await store.SetAsync("/", [1], [PageCacheTags.EveryPage, "generation:" + store.Generation], TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.Equal(["/"], memory.Entries.Keys);
        Assert.Equal([PageCacheTags.EveryPage], memory.Entries["/"]);
    }
}
