using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Data;
using Publisher.Web.Http;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>
/// An article with a video or a post alone on a line shows a card and names no third party anywhere a
/// browser would load from, under the site's usual policy; the card's frame, a page of the site, frames
/// only the player of a card of a published article, under a policy allowing that provider alone.
/// </summary>
public sealed class EmbedTests(EditorSite app) : IClassFixture<EditorSite>
{
    private const string Body =
        "Le décollage, filmé depuis Kourou :\n\n[Ariane 6 décolle](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n"
        + "Une réaction :\n\nhttps://mastodon.social/@Gargron/109612315829137390\n\nLa suite de l’article.";

    private async Task StoreAsync(string slug, string body = Body, ArticleStatus status = ArticleStatus.Published) =>
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(new ArticleInput(
            slug, "Ariane 6 en vidéo", "Un chapô.", body, "Spatial", "Camille Renaud", ["Fusées"],
            status, PublisherFactory.Today.AddDays(-1), null, null, null, null, null), null, TestContext.Current.CancellationToken);

    private async Task<(HttpResponseMessage Response, IHtmlDocument Page, string Html)> GetAsync(string path)
    {
        using var client = app.CreateReader();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, new HtmlParser().ParseDocument(html), html);
    }

    private static string Policy(HttpResponseMessage response) => string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));

    [Fact]
    public async Task The_article_shows_cards_that_link_to_the_originals_and_loads_nothing_from_them()
    {
        await StoreAsync("ariane-video");

        var (response, page, html) = await GetAsync("/articles/ariane-video");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.PublicPolicy, Policy(response));
        var cards = page.QuerySelectorAll(".article-body figure.embed");
        Assert.Equal(["youtube", "mastodon"], cards.Select(card => card.GetAttribute("data-embed")));
        var video = cards[0].QuerySelector("a.embed-link")!;
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", video.GetAttribute("href"));
        Assert.Equal("Vidéo YouTube\u00A0: Ariane 6 décolle", video.TextContent);
        Assert.Equal("Lire la vidéo YouTube", cards[0].GetAttribute("data-embed-action"));
        Assert.Equal("Publication Mastodon\u00A0: mastodon.social/@Gargron/109612315829137390", cards[1].QuerySelector("a.embed-link")!.TextContent);
        var script = page.QuerySelector("script[src*='embeds']")!;
        Assert.StartsWith("/js/embeds.js?v=", script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("/integration/ariane-video", script.GetAttribute("data-integration"));
        Assert.Empty(page.QuerySelectorAll("iframe, frame, object, embed, video, audio"));
        // Whatever a browser fetches by itself (scripts, styles, pictures, icons) comes from the site.
        foreach (var element in page.QuerySelectorAll("[src], [srcset], link[href]"))
        {
            var address = element.GetAttribute("src") ?? element.GetAttribute("srcset") ?? element.GetAttribute("href")!;
            Assert.True(element.LocalName == "link" && element.GetAttribute("rel") is "canonical" or "alternate" || address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal), $"{element.LocalName} loads {address}");
        }
        Assert.DoesNotContain("youtube-nocookie", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/videos/embed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_without_cards_loads_no_embed_script()
    {
        await StoreAsync("sans-video", "Un lien dans une phrase : https://www.youtube.com/watch?v=dQw4w9WgXcQ, rien de plus.");

        var (_, page, _) = await GetAsync("/articles/sans-video");

        Assert.Null(page.QuerySelector("script[src*='embeds']"));
        Assert.Null(page.QuerySelector("figure.embed"));
        Assert.NotNull(page.QuerySelector(".article-body a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']"));
    }

    [Fact]
    public async Task The_frame_of_a_card_frames_its_player_alone_under_a_policy_for_that_origin_alone()
    {
        await StoreAsync("ariane-cadre");

        // Twice each, in turn: the second answers come from the page cache, which must keep the two apart.
        for (var round = 0; round < 2; round++)
        {
            var (video, videoPage, _) = await GetAsync("/integration/ariane-cadre/1");
            var (post, postPage, _) = await GetAsync("/integration/ariane-cadre/2");

            Assert.Equal(HttpStatusCode.OK, video.StatusCode);
            Assert.Equal("default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; frame-src https://www.youtube-nocookie.com", Policy(video));
            Assert.Equal("noindex, nofollow", string.Join(",", video.Headers.GetValues("X-Robots-Tag")));
            Assert.Equal("noindex, nofollow", videoPage.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
            var player = Assert.Single(videoPage.QuerySelectorAll("iframe"));
            Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", player.GetAttribute("src"));
            Assert.Equal("Vidéo YouTube\u00A0: Ariane 6 décolle", player.GetAttribute("title"));
            Assert.Equal("Vidéo YouTube\u00A0: Ariane 6 décolle", videoPage.Title);
            Assert.Contains("allow-scripts", player.GetAttribute("sandbox"), StringComparison.Ordinal);
            Assert.DoesNotContain("allow-top-navigation", player.GetAttribute("sandbox"), StringComparison.Ordinal);
            Assert.Empty(videoPage.QuerySelectorAll("script"));

            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.EndsWith("frame-src https://mastodon.social", Policy(post), StringComparison.Ordinal);
            Assert.Equal("https://mastodon.social/@Gargron/109612315829137390/embed", Assert.Single(postPage.QuerySelectorAll("iframe")).GetAttribute("src"));
        }
    }

    [Fact]
    public async Task The_frame_takes_no_address_from_the_request()
    {
        await StoreAsync("ariane-parametres");

        var (response, page, html) = await GetAsync("/integration/ariane-parametres/1?url=https%3A%2F%2Fevil.example%2F&src=https%3A%2F%2Fevil.example%2F&number=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", page.QuerySelector("iframe")!.GetAttribute("src"));
        Assert.DoesNotContain("evil", html, StringComparison.Ordinal);
    }

    public static TheoryData<string> NotFramed() =>
    [
        "/integration/ariane-hostile/0",
        "/integration/ariane-hostile/-1",
        "/integration/ariane-hostile/3",
        "/integration/ariane-hostile/99999999999999999999",
        "/integration/ariane-hostile/un",
        "/integration/ariane-hostile/1.5",
        "/integration/ariane-hostile/1/2",
        "/integration/ariane-hostile",
        "/integration",
        "/integration/inconnu/1",
        "/integration/brouillon-video/1",
        "/integration/" + SampleContent.SeedSlug + "/1",
        "/integration/%3Cscript%3Ealert(1)%3C%2Fscript%3E/1",
        "/integration/..%2F..%2Fadmin/1",
        "/integration/%F0%9F%8E%A5/1",
        "/integration/" + new string('a', 3000) + "/1",
        "/integration/'%20or%201=1--/1",
    ];

    [Theory]
    [MemberData(nameof(NotFramed))]
    public async Task Anything_else_answers_not_found_in_french_and_frames_nothing(string path)
    {
        await StoreAsync("ariane-hostile");
        await StoreAsync("brouillon-video", status: ArticleStatus.Draft);

        var (response, page, html) = await GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
        Assert.Empty(page.QuerySelectorAll("iframe"));
        Assert.DoesNotContain("youtube", html, StringComparison.Ordinal);
        Assert.True(page.Body!.TextContent.Contains("n’est intégrée à aucun article publié", StringComparison.Ordinal) || page.Title!.StartsWith("Page introuvable", StringComparison.Ordinal), page.Body.TextContent);
        Assert.DoesNotContain("frame-src https:", Policy(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_card_whose_address_is_no_longer_recognised_is_not_framed()
    {
        await StoreAsync("ariane-alteree");
        var database = app.Services.GetRequiredService<IDatabase>();
        await using (var transaction = await database.BeginWriteAsync(TestContext.Current.CancellationToken))
        {
            await transaction.ExecuteAsync(
                "UPDATE articles SET body_html = REPLACE(body_html, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://evil.example/connexion') WHERE slug = @Slug",
                new { Slug = "ariane-alteree" }, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var (response, _, html) = await GetAsync("/integration/ariane-alteree/1");
        var (other, _, _) = await GetAsync("/integration/ariane-alteree/2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_unpublished_articles_cards_are_no_longer_framed_even_by_the_page_cache()
    {
        await StoreAsync("ariane-retiree");
        var (first, _, _) = await GetAsync("/integration/ariane-retiree/1");
        var (cached, _, _) = await GetAsync("/integration/ariane-retiree/1");

        await StoreAsync("ariane-retiree", status: ArticleStatus.Draft);
        var (after, _, _) = await GetAsync("/integration/ariane-retiree/1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task An_edited_articles_frames_follow_its_new_cards_even_from_the_page_cache()
    {
        await StoreAsync("ariane-modifiee");
        await GetAsync("/integration/ariane-modifiee/1");
        await GetAsync("/integration/ariane-modifiee/2");
        var (cached, _, _) = await GetAsync("/integration/ariane-modifiee/2");

        await StoreAsync("ariane-modifiee", "Seule reste la réaction :\n\nhttps://mastodon.social/@Gargron/109612315829137390");
        var (first, firstPage, _) = await GetAsync("/integration/ariane-modifiee/1");
        var (second, _, _) = await GetAsync("/integration/ariane-modifiee/2");

        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("https://mastodon.social/@Gargron/109612315829137390/embed", firstPage.QuerySelector("iframe")!.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task A_post_to_the_frame_is_refused_without_an_error()
    {
        await StoreAsync("ariane-post");
        using var client = app.CreateReader();
        using var content = new FormUrlEncodedContent([new("url", "https://evil.example/")]);

        var response = await client.PostAsync(new Uri("/integration/ariane-post/1", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task The_preview_shows_the_card_and_a_raw_iframe_gets_a_remark_that_says_how_to_embed()
    {
        var editor = await app.EditorAsync();
        var (_, blank) = await editor.GetAsync("/admin/articles");
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Une vidéo intégrée à la main",
            ["Input.Slug"] = "",
            ["Input.Standfirst"] = "Un chapô.",
            ["Input.Section"] = "Spatial",
            ["Input.Author"] = "Julien Marchetti",
            ["Input.Tags"] = "Fusées",
            ["Input.Body"] = "https://vimeo.com/76979871\n\n<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\" height=\"315\"></iframe>\n\n<video src=\"https://exemple.fr/film.mp4\" controls></video>",
            ["Input.Status"] = "draft",
            ["Input.PublishAt"] = "2026-11-24T12:30",
        };

        var (_, previewed) = await editor.SubmitAsync("/admin/articles", (IHtmlFormElement)blank.QuerySelector("form.editor")!, form, "Prévisualiser");

        var preview = previewed.QuerySelector(".preview")!;
        Assert.Equal("vimeo", preview.QuerySelector(".article-body figure.embed")!.GetAttribute("data-embed"));
        Assert.Empty(preview.QuerySelectorAll(".article-body iframe, .article-body video"));
        var remarks = preview.QuerySelectorAll(".remarks li").Select(item => item.TextContent).ToList();
        var remark = Assert.Single(remarks, text => text.Contains("<iframe>", StringComparison.Ordinal));
        Assert.StartsWith("La balise <iframe> est affichée telle quelle, comme du texte, et n’intègre rien\u202F; la balise <video> est retirée\u00A0:", remark, StringComparison.Ordinal);
        Assert.Contains("collez son adresse seule sur une ligne", remark, StringComparison.Ordinal);
        Assert.DoesNotContain(remarks, text => text.Contains("le texte qu’elle contenait est gardé", StringComparison.Ordinal));
    }
}
