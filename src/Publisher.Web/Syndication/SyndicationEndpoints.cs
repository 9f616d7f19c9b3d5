using Microsoft.Extensions.Options;

namespace Publisher.Web.Syndication;

public static class SyndicationEndpoints
{
    public static IServiceCollection AddPublisherSyndication(this IServiceCollection services)
    {
        services.AddSingleton<SyndicationQueries>();
        services.AddSingleton<Sitemaps>();
        services.AddSingleton<Feeds>();
        return services;
    }

    /// <summary>The files crawlers and feed readers fetch: robots.txt, sitemaps, RSS feeds.</summary>
    public static IEndpointRouteBuilder MapPublisherSyndication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (IOptions<SiteOptions> site) => Results.Text(Robots(site.Value), "text/plain; charset=utf-8"));
        endpoints.MapGet("/sitemap.xml", (Sitemaps sitemaps, CancellationToken token) => sitemaps.IndexOrAllAsync(token));
        endpoints.MapGet("/sitemaps/pages.xml", (Sitemaps sitemaps, CancellationToken token) => sitemaps.PagesFileAsync(token));
        endpoints.MapGet("/sitemaps/articles-{year:int}-{month:int}.xml", (int year, int month, Sitemaps sitemaps, CancellationToken token) => sitemaps.MonthFileAsync(year, month, token));
        endpoints.MapGet("/sitemap-news.xml", (Sitemaps sitemaps, CancellationToken token) => sitemaps.NewsAsync(token));
        endpoints.MapGet("/feed.xml", (Feeds feeds, CancellationToken token) => feeds.SiteAsync(token));
        endpoints.MapGet("/rubriques/{slug}/feed.xml", (string slug, Feeds feeds, CancellationToken token) => feeds.SectionAsync(slug, token));
        endpoints.MapGet("/tags/{slug}/feed.xml", (string slug, Feeds feeds, CancellationToken token) => feeds.TagAsync(slug, token));
        return endpoints;
    }

    private static string Robots(SiteOptions site) => $"""
        User-agent: *
        Allow: /
        Disallow: /admin

        Sitemap: {site.Absolute("/sitemap.xml")}
        Sitemap: {site.Absolute("/sitemap-news.xml")}

        """;
}
