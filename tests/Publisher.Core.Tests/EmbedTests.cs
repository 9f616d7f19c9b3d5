using AngleSharp.Html.Parser;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;

namespace Publisher.Core.Tests;

/// <summary>
/// A YouTube, Vimeo, PeerTube, X or Mastodon address alone on a line becomes a card that names the provider
/// and loads nothing from it; every other address, and such an address anywhere else, stays a link.
/// </summary>
public sealed class EmbedTests
{
    private static readonly ArticleMarkdown Markdown = new();

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")]
    [InlineData("https://youtube.com/watch?list=PL1&v=dQw4w9WgXcQ&t=42s", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=42")]
    [InlineData("https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=abc&t=90", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90")]
    [InlineData("https://www.youtube.com/shorts/aqz-KE-bpKQ", "youtube", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1")]
    [InlineData("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1")]
    [InlineData("https://www.vimeo.com/76979871/8272103f6e", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=8272103f6e")]
    [InlineData("https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv", "peertube", "https://framatube.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&p2p=0")]
    [InlineData("https://videos.exemple.fr/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d", "peertube", "https://videos.exemple.fr/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?autoplay=1&p2p=0")]
    [InlineData("https://Videos.Exemple.FR/w/kkGMgK9ZtnKfYAgnEtQxbv/", "peertube", "https://videos.exemple.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&p2p=0")]
    [InlineData("https://x.com/NASA/status/1234567890123456789", "x", "https://platform.twitter.com/embed/Tweet.html?id=1234567890123456789&dnt=true&lang=fr")]
    [InlineData("https://twitter.com/jack/status/20?s=20", "x", "https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true&lang=fr")]
    [InlineData("https://mastodon.social/@Gargron/109612315829137390", "mastodon", "https://mastodon.social/@Gargron/109612315829137390/embed")]
    [InlineData("https://piaille.fr/@exemple_1/113000000000000001", "mastodon", "https://piaille.fr/@exemple_1/113000000000000001/embed")]
    public void Each_providers_addresses_are_recognised_and_give_its_embed_page(string address, string provider, string player)
    {
        var embed = Embeds.Recognise(address);

        Assert.NotNull(embed);
        Assert.Equal(provider, embed.Provider);
        Assert.Equal(player, embed.Player.AbsoluteUri);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://youtu.be/dQw4w9WgXcQ")]
    [InlineData("youtu.be/dQw4w9WgXcQ")]
    [InlineData("//youtu.be/dQw4w9WgXcQ")]
    [InlineData("")]
    [InlineData("https://www.youtube.com/watch")]
    [InlineData("https://www.youtube.com/watch?v=court")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload%3D")]
    [InlineData("https://www.youtube.com/channel/UCsXVk37bltHxD1rDPwtNM8Q")]
    [InlineData("https://www.youtube.com/@NASA")]
    [InlineData("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://user:secret@youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be:8443/dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/channels/staffpicks")]
    [InlineData("https://fr.wikipedia.org/w/index.php")]
    [InlineData("https://exemple.fr/w/kkGMgK9ZtnKfYAgnEtQ")]
    [InlineData("https://exemple.fr/w/p/kkGMgK9ZtnKfYAgnEtQxbv")]
    [InlineData("http://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv")]
    [InlineData("https://127.0.0.1/w/kkGMgK9ZtnKfYAgnEtQxbv")]
    [InlineData("https://[::1]/w/kkGMgK9ZtnKfYAgnEtQxbv")]
    [InlineData("https://localhost/@admin/1")]
    [InlineData("https://intranet/@admin/1")]
    [InlineData("https://x.com/NASA")]
    [InlineData("https://x.com/NASA/status/abc")]
    [InlineData("https://x.com/NASA/status/1/photo/1")]
    [InlineData("https://mastodon.social/@Gargron")]
    [InlineData("https://mastodon.social/@Gargron/un-article")]
    [InlineData("https://mastodon.social/@Garg%22ron/1")]
    public void Other_addresses_are_not_embeds(string address) => Assert.Null(Embeds.Recognise(address));

    [Theory]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "Vidéo YouTube", "youtu.be/dQw4w9WgXcQ")]
    [InlineData("<https://youtu.be/dQw4w9WgXcQ>", "Vidéo YouTube", "youtu.be/dQw4w9WgXcQ")]
    [InlineData("www.youtube.com/watch?v=dQw4w9WgXcQ", "Vidéo YouTube", "youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("[Le décollage](https://vimeo.com/76979871)", "Vidéo Vimeo", "Le décollage")]
    [InlineData("  [Le *décollage*](https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv)  ", "Vidéo PeerTube", "Le décollage")]
    [InlineData("https://x.com/NASA/status/1234567890123456789", "Publication X", "x.com/NASA/status/1234567890123456789")]
    [InlineData("[Le message](https://mastodon.social/@Gargron/109612315829137390)", "Publication Mastodon", "Le message")]
    public void An_address_alone_on_a_line_becomes_a_card_that_is_a_plain_link_to_it(string markdown, string description, string title)
    {
        var html = Markdown.Render("Avant.\n\n" + markdown + "\n\nAprès.").Html;

        var body = new HtmlParser().ParseDocument("<body>" + html).Body!;
        var card = Assert.Single(body.QuerySelectorAll("figure.embed"));
        Assert.Same(body, card.ParentElement);
        var link = Assert.Single(card.QuerySelectorAll("a"));
        Assert.Equal(description, link.QuerySelector(".embed-provider")!.TextContent);
        Assert.Equal(title, link.QuerySelector(".embed-title")!.TextContent);
        Assert.Equal($"{description}\u00A0: {title}", link.TextContent);
        Assert.Equal(Embeds.Recognise(link.GetAttribute("href"))!.Action, card.GetAttribute(Embeds.ActionAttribute));
        Assert.Equal(["Avant.", "Après."], body.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.True(Embeds.AnyIn(html));
    }

    [Fact]
    public void A_card_names_nothing_it_would_load_from_the_provider()
    {
        var html = Markdown.Render("https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://x.com/NASA/status/1234567890123456789").Html;

        var body = new HtmlParser().ParseDocument("<body>" + html).Body!;
        Assert.Equal(2, body.QuerySelectorAll("figure.embed").Length);
        Assert.Empty(body.QuerySelectorAll("iframe, img, script, video, [src], [srcset], [style]"));
        Assert.DoesNotContain("youtube-nocookie", html, StringComparison.Ordinal);
        Assert.DoesNotContain("platform.twitter.com", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Regardez https://youtu.be/dQw4w9WgXcQ ce soir.")]
    [InlineData("Regardez [la vidéo](https://youtu.be/dQw4w9WgXcQ).")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ et https://vimeo.com/76979871")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ\nsuivi d’une phrase dans le même paragraphe.")]
    [InlineData("**https://youtu.be/dQw4w9WgXcQ**")]
    [InlineData("[![Vignette](/media/vignette.jpg)](https://youtu.be/dQw4w9WgXcQ)")]
    [InlineData("> https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("- https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("`https://youtu.be/dQw4w9WgXcQ`")]
    [InlineData("    https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://fr.wikipedia.org/w/index.php")]
    [InlineData("https://exemple.fr/w/kkGMgK9ZtnKfYAgnEtQ")]
    [InlineData("[Un piège](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">https://youtu.be/dQw4w9WgXcQ</a>")]
    public void An_address_anywhere_else_or_not_recognised_makes_no_card(string markdown)
    {
        var html = Markdown.Render(markdown).Html;

        Assert.DoesNotContain("<figure", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Embeds.ProviderAttribute, html, StringComparison.Ordinal);
        Assert.False(Embeds.AnyIn(html));
    }

    [Fact]
    public void A_card_typed_as_raw_html_loses_its_data_attributes_and_is_no_card()
    {
        var rendered = Markdown.Render("<figure class=\"embed\" data-embed=\"peertube\" data-embed-action=\"Lire\"><a class=\"embed-link\" href=\"https://evil.example/x\">Piège</a></figure>");

        Assert.DoesNotContain("data-embed", rendered.Html, StringComparison.Ordinal);
        Assert.False(Embeds.AnyIn(rendered.Html));
        Assert.Empty(Embeds.CardsIn(rendered.Html));
    }

    [Fact]
    public void The_cards_of_stored_html_are_read_back_in_order_and_recognised_again()
    {
        var html = Markdown.Render("[Premier](https://youtu.be/dQw4w9WgXcQ)\n\nTexte.\n\nhttps://mastodon.social/@Gargron/109612315829137390").Html;
        var tampered = html.Replace("https://youtu.be/dQw4w9WgXcQ", "https://evil.example/x", StringComparison.Ordinal);

        var cards = Embeds.CardsIn(html);
        var afterTampering = Embeds.CardsIn(tampered);

        Assert.Equal(["youtube", "mastodon"], cards.Select(card => card.Embed!.Provider));
        Assert.Equal(["Premier", "mastodon.social/@Gargron/109612315829137390"], cards.Select(card => card.Title));
        Assert.Null(afterTampering[0].Embed);
        Assert.Equal("mastodon", afterTampering[1].Embed!.Provider);
    }

    [Fact]
    public void Html_without_cards_has_none() => Assert.Empty(Embeds.CardsIn("<p>Un texte, <a href=\"https://youtu.be/dQw4w9WgXcQ\">un lien</a>.</p>"));

    [Theory]
    [InlineData("<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\"></iframe>", "La balise <iframe> est affichée telle quelle, comme du texte, et n’intègre rien")]
    [InlineData("Regardez <iframe src=\"https://player.vimeo.com/video/1\"></iframe> ici.", "La balise <iframe> est affichée telle quelle, comme du texte, et n’intègre rien")]
    [InlineData("<video src=\"https://exemple.fr/film.mp4\" controls></video>", "La balise <video> est retirée")]
    [InlineData("<video controls><source src=\"https://exemple.fr/film.mp4\"></video>", "Les balises <video> et <source> sont retirées")]
    [InlineData("<audio src=\"https://exemple.fr/son.mp3\"></audio>", "La balise <audio> est retirée")]
    [InlineData("<iframe src=\"https://exemple.fr\"></iframe>\n\n<video src=\"x.mp4\"></video>", "La balise <iframe> est affichée telle quelle, comme du texte, et n’intègre rien\u202F; la balise <video> est retirée")]
    public void A_raw_iframe_or_video_gets_one_remark_that_says_how_to_embed(string body, string start)
    {
        var remarks = SubEditor.Review(new Draft("Un titre", "Un chapô.", "Spatial", body), Markdown);

        // One remark names the tags (not one saying it is shown as text and another that it was removed).
        var remark = Assert.Single(remarks, text => text.Contains("balise", StringComparison.Ordinal));
        Assert.StartsWith(start + "\u00A0: les lecteurs ne chargent rien d’un autre site sans l’avoir demandé.", remark, StringComparison.Ordinal);
        Assert.EndsWith("collez son adresse seule sur une ligne\u00A0: elle devient une carte que le lecteur lance d’un clic.", remark, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_gets_no_remark() =>
        Assert.Empty(SubEditor.Review(new Draft("Un titre", "Un chapô.", "Spatial", "Le lancement :\n\n[Ariane 6 décolle](https://youtu.be/dQw4w9WgXcQ)"), Markdown));
}
