using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>
/// A reader of an article with a YouTube video sees a card, and the browser asks nothing of YouTube until the
/// reader clicks it; the click opens the site's own frame, which alone frames the player. Without JavaScript
/// the card is a plain link to the video.
/// </summary>
[Collection(nameof(NewsroomSite))]
public sealed class EmbedTests(NewsroomSite site)
{
    private const string Slug = "ariane-6-en-video";

    private const string Label = "Lire la vidéo YouTube : Ariane 6 décolle";

    private async Task StoreAsync() =>
        await site.App.Services.GetRequiredService<ImportArticles>().UpsertAsync(new ArticleInput(
            Slug, "Ariane 6 en vidéo", "Le décollage filmé depuis Kourou.",
            "Le décollage :\n\n[Ariane 6 décolle](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\nUne réaction :\n\nhttps://mastodon.social/@Gargron/109612315829137390\n\nLa suite de l’article.",
            "Spatial", "Camille Renaud", ["Fusées"], ArticleStatus.Published, PublisherFactory.Today.AddDays(-1), null, null, null, null, null),
            null, TestContext.Current.CancellationToken);

    private static bool IsLocal(string url) =>
        url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("about:", StringComparison.Ordinal) || new Uri(url).Host == "127.0.0.1";

    [Fact]
    public async Task Nothing_is_asked_of_youtube_before_the_click_then_the_sites_frame_frames_its_player()
    {
        await StoreAsync();
        var page = await site.OpenPageAsync();
        var requests = new ConcurrentQueue<string>();
        var refused = new ConcurrentQueue<string>();
        var violations = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        // The machine is offline: whatever would leave for another site is counted and refused here.
        await page.RouteAsync(url => !IsLocal(url), async route =>
        {
            refused.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });

        await page.GotoAsync("/articles/" + Slug, new() { WaitUntil = WaitUntilState.NetworkIdle });
        var play = page.GetByRole(AriaRole.Button, new() { Name = Label, Exact = true });
        await Expect(play).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afficher la publication Mastodon", Exact = false })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);

        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(IsLocal(url), $"requested before the click: {url}"));
        Assert.Empty(refused);

        // By keyboard, as anyone may.
        await play.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var frame = page.Locator(".article-body iframe.embed-frame");
        await Expect(frame).ToHaveAttributeAsync("src", $"/integration/{Slug}/1");
        await Expect(frame).ToHaveAttributeAsync("title", "Vidéo YouTube\u00A0: Ariane 6 décolle");
        await Expect(frame).ToBeFocusedAsync();
        await Expect(play).ToHaveCountAsync(0);
        var player = page.FrameLocator(".article-body iframe.embed-frame").Locator("iframe");
        await Expect(player).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        await Expect(player).ToHaveAttributeAsync("title", "Vidéo YouTube\u00A0: Ariane 6 décolle");
        await page.WaitForConditionAsync(() => !refused.IsEmpty);

        Assert.Contains(requests, url => new Uri(url).AbsolutePath == $"/integration/{Slug}/1");
        Assert.All(refused, url => Assert.StartsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", url, StringComparison.Ordinal));
        Assert.DoesNotContain(requests, url => url.Contains("mastodon", StringComparison.Ordinal));
        Assert.Empty(violations);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Without_javascript_the_card_is_a_plain_link_to_the_video()
    {
        await StoreAsync();
        var page = await site.OpenPageAsync(javaScript: false);
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);

        await page.GotoAsync("/articles/" + Slug, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Vidéo YouTube : Ariane 6 décolle", Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Label })).ToHaveCountAsync(0);
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        Assert.All(requests, url => Assert.True(IsLocal(url), $"requested: {url}"));

        // axe needs JavaScript: the same cards, as links, on a page whose card script never arrives.
        var scriptless = await site.OpenPageAsync();
        await scriptless.RouteAsync("**/js/embeds.js*", route => route.AbortAsync());
        await scriptless.GotoAsync("/articles/" + Slug, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(scriptless.GetByRole(AriaRole.Link, new() { Name = "Vidéo YouTube : Ariane 6 décolle", Exact = true })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(scriptless);
    }
}

internal static class PageWaits
{
    /// <summary>Waits, a few seconds at most, for something the page's events record.</summary>
    public static async Task WaitForConditionAsync(this IPage page, Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 10_000, $"still waiting on {page.Url}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
