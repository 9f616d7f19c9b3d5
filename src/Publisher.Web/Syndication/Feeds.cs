using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Publisher.Core.Markdown;
using Publisher.Web.Pages;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Syndication;

/// <summary>RSS 2.0 feeds with the full text of the latest articles: the site's, a section's, a tag's.</summary>
public sealed class Feeds(SyndicationQueries queries, TopicQueries topics, IOptions<SiteOptions> site, TimeProvider clock)
{
    public const int Size = 20;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    public async Task<IResult> SiteAsync(CancellationToken cancellationToken)
    {
        var items = await queries.FeedAsync(clock.GetUtcNow(), cancellationToken);
        return Rss(site.Value.Name, "L’actualité tech en français : les derniers articles.", Routes.Home, Routes.SiteFeed, items);
    }

    public async Task<IResult> SectionAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var section = await topics.FindSectionAsync(slug, now, cancellationToken);
        if (section is null)
        {
            return Results.NotFound();
        }
        var items = await queries.SectionFeedAsync(section.Id, now, cancellationToken);
        return Rss($"{site.Value.Name} : {section.Name}", $"Les derniers articles de la rubrique {section.Name}.", Routes.Section(section.Slug), Routes.SectionFeed(section.Slug), items);
    }

    public async Task<IResult> TagAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tag = await topics.FindTagAsync(slug, now, cancellationToken);
        if (tag is null)
        {
            return Results.NotFound();
        }
        var items = await queries.TagFeedAsync(tag.Id, now, cancellationToken);
        return Rss($"{site.Value.Name} : {tag.Name}", $"Les derniers articles sur le sujet {tag.Name}.", Routes.Tag(tag.Slug), Routes.TagFeed(tag.Slug), items);
    }

    private IResult Rss(string title, string description, string listPath, string feedPath, IReadOnlyList<FeedItemRow> items)
    {
        var options = site.Value;
        var host = new Uri(options.BaseUrl).Host;
        return XmlResponse.Write(writer =>
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            writer.WriteAttributeString("xmlns", "content", null, ContentNamespace);
            writer.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", title);
            writer.WriteElementString("link", options.Absolute(listPath));
            writer.WriteElementString("description", description);
            writer.WriteElementString("language", "fr-FR");
            if (items.Count > 0)
            {
                writer.WriteElementString("lastBuildDate", Rfc822(items.Max(item => item.UpdatedAt > item.PublishedAt ? item.UpdatedAt : item.PublishedAt)));
            }
            writer.WriteStartElement("link", AtomNamespace);
            writer.WriteAttributeString("href", options.Absolute(feedPath));
            writer.WriteAttributeString("rel", "self");
            writer.WriteAttributeString("type", "application/rss+xml");
            writer.WriteEndElement();
            foreach (var item in items)
            {
                var url = options.Absolute(Routes.Article(item.Slug));
                writer.WriteStartElement("item");
                writer.WriteElementString("title", item.Title);
                writer.WriteElementString("link", url);
                // Tied to the article, not to its address: a renamed article is not a new item.
                writer.WriteStartElement("guid");
                writer.WriteAttributeString("isPermaLink", "false");
                writer.WriteString(string.Create(CultureInfo.InvariantCulture, $"tag:{host},2026:article-{item.Id}"));
                writer.WriteEndElement();
                writer.WriteElementString("pubDate", Rfc822(item.PublishedAt));
                writer.WriteElementString("creator", DublinCoreNamespace, item.AuthorName);
                writer.WriteElementString("category", item.SectionName);
                writer.WriteElementString("description", item.Standfirst);
                writer.WriteStartElement("encoded", ContentNamespace);
                writer.WriteCData(Content(item, options, url));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }, "application/rss+xml; charset=utf-8");
    }

    private static string Content(FeedItemRow item, SiteOptions options, string url)
    {
        var figure = item.ImageUrl is null ? "" :
            $"<figure><img src=\"{WebUtility.HtmlEncode(item.ImageUrl)}\" alt=\"{WebUtility.HtmlEncode(item.ImageAlt)}\">" +
            (item.ImageCaption is null && item.ImageCredit is null ? "" :
                $"<figcaption>{WebUtility.HtmlEncode(item.ImageCaption)} {(item.ImageCredit is null ? "" : WebUtility.HtmlEncode($"Photo\u00A0: {item.ImageCredit}"))}</figcaption>") +
            "</figure>";
        var html = $"<p><strong>{WebUtility.HtmlEncode(item.Standfirst)}</strong></p>{figure}{item.BodyHtml}";
        return AbsoluteLinks.Rewrite(html, options.BaseUrl, url);
    }

    // RFC 822 as RSS 2.0 wants it, in UTC: "Mon, 12 Aug 2024 07:05:00 GMT".
    private static string Rfc822(DateTimeOffset instant) => instant.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
}
