using System.Xml;
using Microsoft.Extensions.Options;
using Publisher.Web.Data;
using Publisher.Web.Pages;

namespace Publisher.Web.Syndication;

/// <summary>
/// <c>/sitemap.xml</c> lists every published article, section and tag page and the home page; past
/// <c>Sitemap:MaxUrls</c> (50,000, the protocol's limit) it becomes an index of a pages file and one file
/// per month of articles. <c>/sitemap-news.xml</c> lists the last 48 hours for news search.
/// </summary>
public sealed class Sitemaps(SyndicationQueries queries, IOptions<SiteOptions> site, IOptions<SitemapOptions> options, TimeProvider clock)
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    private static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private int MaxUrls => options.Value.MaxUrls;

    public async Task<IResult> IndexOrAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pages = await PagesAsync(now, cancellationToken);
        if (pages.Count + await queries.CountArticlesAsync(now, cancellationToken) <= MaxUrls)
        {
            var articles = await queries.ArticlesAsync(now, cancellationToken);
            return XmlResponse.Write(writer => UrlSet(writer, pages.Concat(articles.Select(article => (Routes.Article(article.Slug), (string?)article.LastModified)))));
        }
        var months = await queries.MonthsAsync(now, cancellationToken);
        var lastChange = months.Count == 0 ? null : months.Max(month => month.LastModified);
        return XmlResponse.Write(writer =>
        {
            writer.WriteStartElement("sitemapindex", Namespace);
            Sitemap(writer, "/sitemaps/pages.xml", lastChange);
            foreach (var month in months)
            {
                Sitemap(writer, $"/sitemaps/articles-{month.Month}.xml", month.LastModified);
            }
            writer.WriteEndElement();
        });
    }

    public async Task<IResult> PagesFileAsync(CancellationToken cancellationToken)
    {
        var pages = await PagesAsync(clock.GetUtcNow(), cancellationToken);
        return XmlResponse.Write(writer => UrlSet(writer, pages));
    }

    public async Task<IResult> MonthFileAsync(int year, int month, CancellationToken cancellationToken)
    {
        if (month is < 1 or > 12 || year is < 1900 or > 9999)
        {
            return Results.NotFound();
        }
        var articles = await queries.ArticlesInMonthAsync(year, month, clock.GetUtcNow(), cancellationToken);
        return articles.Count == 0
            ? Results.NotFound()
            : XmlResponse.Write(writer => UrlSet(writer, articles.Select(article => (Routes.Article(article.Slug), (string?)article.LastModified))));
    }

    public async Task<IResult> NewsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recent = await queries.PublishedSinceAsync(now - NewsWindow, now, cancellationToken);
        return XmlResponse.Write(writer =>
        {
            writer.WriteStartElement("urlset", Namespace);
            writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var article in recent)
            {
                writer.WriteStartElement("url", Namespace);
                writer.WriteElementString("loc", Namespace, site.Value.Absolute(Routes.Article(article.Slug)));
                writer.WriteStartElement("news", NewsNamespace);
                writer.WriteStartElement("publication", NewsNamespace);
                writer.WriteElementString("name", NewsNamespace, site.Value.Name);
                writer.WriteElementString("language", NewsNamespace, "fr");
                writer.WriteEndElement();
                writer.WriteElementString("publication_date", NewsNamespace, DateTimeOffsetHandler.ToText(article.PublishedAt));
                writer.WriteElementString("title", NewsNamespace, article.Title);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    private async Task<List<(string Path, string? LastModified)>> PagesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sections = await queries.SectionsAsync(now, cancellationToken);
        var tags = await queries.TagsAsync(now, cancellationToken);
        var lastChange = sections.Count == 0 ? null : sections.Max(section => section.LastModified);
        return
        [
            (Routes.Home, lastChange),
            .. sections.Select(section => (Routes.Section(section.Slug), (string?)section.LastModified)),
            .. tags.Select(tag => (Routes.Tag(tag.Slug), (string?)tag.LastModified)),
        ];
    }

    private void UrlSet(XmlWriter writer, IEnumerable<(string Path, string? LastModified)> urls)
    {
        writer.WriteStartElement("urlset", Namespace);
        foreach (var (path, lastModified) in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, site.Value.Absolute(path));
            if (lastModified is not null)
            {
                writer.WriteElementString("lastmod", Namespace, lastModified);
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private void Sitemap(XmlWriter writer, string path, string? lastModified)
    {
        writer.WriteStartElement("sitemap", Namespace);
        writer.WriteElementString("loc", Namespace, site.Value.Absolute(path));
        if (lastModified is not null)
        {
            writer.WriteElementString("lastmod", Namespace, lastModified);
        }
        writer.WriteEndElement();
    }
}

/// <summary>The <c>Sitemap</c> section of the configuration.</summary>
public sealed class SitemapOptions
{
    public const string Section = "Sitemap";

    /// <summary>Past this many URLs, <c>/sitemap.xml</c> is an index of smaller files (the protocol allows 50,000 a file).</summary>
    [System.ComponentModel.DataAnnotations.Range(2, 50_000)]
    public int MaxUrls { get; set; } = 50_000;
}
