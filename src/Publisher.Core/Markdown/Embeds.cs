using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Publisher.Core.Markdown;

/// <summary>Whether an embed plays a video or shows a post.</summary>
public enum EmbedKind
{
    /// <summary>YouTube, Vimeo, PeerTube.</summary>
    Video,

    /// <summary>X, Mastodon.</summary>
    Post,
}

/// <summary>A video or a post of another site, recognised from its address.</summary>
/// <param name="Provider">The provider's key, lower case ASCII (<c>youtube</c>, <c>vimeo</c>, <c>peertube</c>, <c>x</c>, <c>mastodon</c>).</param>
/// <param name="ProviderName">The provider's name as readers know it (« YouTube »).</param>
/// <param name="Kind">Video or post.</param>
/// <param name="Player">
/// The provider's own embed page, built by the parser from the pieces it recognised (never the address as
/// typed): the one address the site ever frames for this embed.
/// </param>
public sealed record Embed(string Provider, string ProviderName, EmbedKind Kind, Uri Player)
{
    /// <summary>The origin of <see cref="Player"/>, the only one a frame showing it may load (<c>https://www.youtube-nocookie.com</c>).</summary>
    public string PlayerOrigin => Player.GetLeftPart(UriPartial.Authority);

    /// <summary>What it is, for the card and the frame's title: « Vidéo YouTube », « Publication Mastodon ».</summary>
    public string Description => (Kind == EmbedKind.Video ? "Vidéo " : "Publication ") + ProviderName;

    /// <summary>What the reader's click does: « Lire la vidéo YouTube », « Afficher la publication X ».</summary>
    public string Action => (Kind == EmbedKind.Video ? "Lire la vidéo " : "Afficher la publication ") + ProviderName;
}

/// <summary>An embed card found in stored article HTML.</summary>
/// <param name="Embed">What its address is, recognised again; null when the parser no longer recognises it.</param>
/// <param name="Title">Its title as the card shows it (the link's text, or the address without its scheme).</param>
public sealed record EmbedCard(Embed? Embed, string Title);

/// <summary>
/// Embeds that respect readers. A YouTube, Vimeo, PeerTube, X or Mastodon address alone in a paragraph of
/// its own (bare, or as a Markdown link whose text becomes the title) becomes a card: a figure holding a
/// plain link to the original, which the site's script turns into a button that loads the player only
/// when the reader asks for it. Nothing is fetched from the provider to build the card (no thumbnail, no
/// oEmbed call), at save time or at render time. Any other address stays a link.
/// </summary>
public static partial class Embeds
{
    /// <summary>The attribute naming the provider on a card; the script and the frame endpoint find cards by it.</summary>
    public const string ProviderAttribute = "data-embed";

    /// <summary>The attribute holding the button's label, so that the script carries no French of its own.</summary>
    public const string ActionAttribute = "data-embed-action";

    /// <summary>Longest address considered; real ones are far shorter.</summary>
    private const int MaxAddressLength = 2048;

    // How every card starts in stored HTML (the serialiser keeps attributes in the order they were set): text
    // typed by an author is escaped, and the sanitiser drops data- attributes from raw HTML, so only the
    // pipeline writes this.
    private const string CardStart = "<figure class=\"embed\" " + ProviderAttribute + "=\"";

    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> YouTubeHosts = new(StringComparer.Ordinal) { "youtube.com", "www.youtube.com", "m.youtube.com" };

    private static readonly HashSet<string> VimeoHosts = new(StringComparer.Ordinal) { "vimeo.com", "www.vimeo.com" };

    private static readonly HashSet<string> XHosts = new(StringComparer.Ordinal)
    {
        "x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^[0-9]{1,6}s?$")]
    private static partial Regex YouTubeStart();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex VimeoId();

    [GeneratedRegex("^[0-9a-f]{6,32}$")]
    private static partial Regex VimeoHash();

    // PeerTube names a video by its UUID or by the same 128 bits in Flickr's base 58 (22 characters).
    [GeneratedRegex("^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[1-9A-HJ-NP-Za-km-z]{22})$")]
    private static partial Regex PeerTubeId();

    [GeneratedRegex("^[A-Za-z0-9_]{1,15}$")]
    private static partial Regex XUser();

    [GeneratedRegex("^[A-Za-z0-9_]{1,30}$")]
    private static partial Regex MastodonUser();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex PostId();

    [GeneratedRegex("^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex HostName();

    /// <summary>
    /// The embed an address stands for, or null for any other address: YouTube (<c>/watch?v=</c>,
    /// <c>youtu.be/</c>, <c>/shorts/</c>), Vimeo (<c>vimeo.com/ID</c>), PeerTube (<c>/w/ID</c>,
    /// <c>/videos/watch/UUID</c> on any HTTPS host), X and Twitter (<c>/user/status/ID</c>), Mastodon
    /// (<c>/@user/ID</c> on any HTTPS host).
    /// </summary>
    public static Embed? Recognise(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxAddressLength
            || !Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0
            || !uri.IsDefaultPort
            || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (YouTubeHosts.Contains(host))
        {
            return segments switch
            {
                ["watch"] when Query(uri, "v") is { } id => YouTube(id, Query(uri, "t")),
                ["shorts", var id] => YouTube(id, null),
                _ => null,
            };
        }
        if (host == "youtu.be")
        {
            return segments is [var id] ? YouTube(id, Query(uri, "t")) : null;
        }
        if (VimeoHosts.Contains(host))
        {
            return segments switch
            {
                [var id] when VimeoId().IsMatch(id) => Vimeo(id, null),
                [var id, var hash] when VimeoId().IsMatch(id) && VimeoHash().IsMatch(hash) => Vimeo(id, hash),
                _ => null,
            };
        }
        if (XHosts.Contains(host))
        {
            return segments is [var user, "status", var id] && XUser().IsMatch(user) && PostId().IsMatch(id)
                ? new Embed("x", "X", EmbedKind.Post, new Uri($"https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true&lang=fr"))
                : null;
        }
        // Any other host is framed as typed: only over HTTPS (a page served over HTTPS may not frame HTTP),
        // and only a real domain name, never localhost or an address on the reader's own network.
        if (uri.Scheme != "https" || !HostName().IsMatch(host))
        {
            return null;
        }
        return segments switch
        {
            ["w", var id] when PeerTubeId().IsMatch(id) => PeerTube(host, id),
            ["videos", "watch", var id] when PeerTubeId().IsMatch(id) => PeerTube(host, id),
            [['@', .. var user], var id] when MastodonUser().IsMatch(user) && PostId().IsMatch(id) =>
                new Embed("mastodon", "Mastodon", EmbedKind.Post, new Uri($"https://{host}/@{user}/{id}/embed")),
            _ => null,
        };
    }

    private static Embed? YouTube(string id, string? start)
    {
        if (!YouTubeId().IsMatch(id))
        {
            return null;
        }
        var from = start is not null && YouTubeStart().IsMatch(start) ? "&start=" + int.Parse(start.TrimEnd('s'), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : "";
        // The reader has just asked for the video: it may start at once.
        return new Embed("youtube", "YouTube", EmbedKind.Video, new Uri($"https://www.youtube-nocookie.com/embed/{id}?autoplay=1{from}"));
    }

    // dnt=1: Vimeo's player then sets no cookie and records no session.
    private static Embed Vimeo(string id, string? hash) =>
        new("vimeo", "Vimeo", EmbedKind.Video, new Uri($"https://player.vimeo.com/video/{id}?dnt=1&autoplay=1{(hash is null ? "" : "&h=" + hash)}"));

    // p2p=0: PeerTube's player would otherwise share the video with other viewers, and show them the reader's address.
    private static Embed PeerTube(string host, string id) =>
        new("peertube", "PeerTube", EmbedKind.Video, new Uri($"https://{host}/videos/embed/{id}?autoplay=1&p2p=0"));

    private static string? Query(Uri uri, string key)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual(key))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }
        return null;
    }

    /// <summary>Whether stored article HTML holds at least one card (then the page loads the script that plays them).</summary>
    public static bool AnyIn(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Contains(CardStart, StringComparison.Ordinal);
    }

    /// <summary>
    /// The cards of stored article HTML, in the order of the page (the script numbers them the same way),
    /// each address recognised again rather than trusted.
    /// </summary>
    public static IReadOnlyList<EmbedCard> CardsIn(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!AnyIn(html))
        {
            return [];
        }
        var body = Parser.ParseDocument("<body>" + html).Body!;
        return body.QuerySelectorAll($"[{ProviderAttribute}]")
            .Select(card => new EmbedCard(
                Recognise(card.QuerySelector("a.embed-link")?.GetAttribute("href")),
                card.QuerySelector(".embed-title")?.TextContent.Trim() ?? ""))
            .ToList();
    }

    /// <summary>Turns each paragraph of the body that is only a recognised link into a card (on the sanitised tree).</summary>
    internal static void Insert(IElement body)
    {
        var document = body.Owner!;
        foreach (var paragraph in body.Children.Where(child => child.LocalName == "p").ToArray())
        {
            if (SoleLink(paragraph) is not { } link || link.Children.Length > 0 && link.QuerySelector("img, picture, svg, video") is not null)
            {
                continue;
            }
            var address = link.GetAttribute("href");
            if (Recognise(address) is not { } embed)
            {
                continue;
            }
            paragraph.Replace(Card(document, embed, address!, Title(link.TextContent.Trim(), address!)));
        }
    }

    private static IElement? SoleLink(IElement paragraph)
    {
        IElement? link = null;
        foreach (var node in paragraph.ChildNodes)
        {
            switch (node)
            {
                case IText text when string.IsNullOrWhiteSpace(text.Data):
                    continue;
                case IElement { LocalName: "a" } element when link is null:
                    link = element;
                    continue;
                default:
                    return null;
            }
        }
        return link;
    }

    // The link's text is a title unless it is the address itself (a bare address, or one without its scheme):
    // then the card shows the address, shortened to what a reader recognises.
    private static string Title(string text, string address)
    {
        var bare = StripScheme(address);
        return text.Length == 0 || StripScheme(text) == bare ? bare : text;
    }

    private static string StripScheme(string address)
    {
        var start = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        var rest = address[start..];
        return (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? rest[4..] : rest).TrimEnd('/');
    }

    // <figure class="embed" data-embed="youtube" data-embed-action="Lire la vidéo YouTube">
    //   <a class="embed-link" href="…"><span class="embed-provider">Vidéo YouTube</span><span class="embed-separator"> : </span><span class="embed-title">Titre</span></a>
    // </figure>
    // Without the script (and in feeds) it is a link named « Vidéo YouTube : Titre »; the separator is only hidden from sight.
    private static IElement Card(IDocument document, Embed embed, string address, string title)
    {
        var figure = document.CreateElement("figure");
        figure.SetAttribute("class", "embed");
        figure.SetAttribute(ProviderAttribute, embed.Provider);
        figure.SetAttribute(ActionAttribute, embed.Action);
        var link = document.CreateElement("a");
        link.SetAttribute("class", "embed-link");
        link.SetAttribute("href", address);
        link.AppendChild(Span(document, "embed-provider", embed.Description));
        link.AppendChild(Span(document, "embed-separator", " : "));
        link.AppendChild(Span(document, "embed-title", title));
        figure.AppendChild(link);
        return figure;
    }

    private static IElement Span(IDocument document, string className, string text)
    {
        var span = document.CreateElement("span");
        span.SetAttribute("class", className);
        span.TextContent = text;
        return span;
    }
}
