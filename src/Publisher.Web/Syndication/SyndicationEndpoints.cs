using Microsoft.Extensions.Options;

namespace Publisher.Web.Syndication;

public static class SyndicationEndpoints
{
    public static IServiceCollection AddPublisherSyndication(this IServiceCollection services)
    {
        services.AddOptions<SitemapOptions>().BindConfiguration(SitemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SyndicationQueries>();
        services.AddSingleton<Sitemaps>();
        services.AddSingleton<Feeds>();
        return services;
    }

    /// <summary>The files crawlers and feed readers fetch: robots.txt, sitemaps, RSS feeds.</summary>
    public static IEndpointRouteBuilder MapPublisherSyndication(this IEndpointRouteBuilder endpoints)
    {
        // Crawlers check files with HEAD as well as GET (ConditionalGet answers HEAD as a GET without its body).
        string[] read = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods("/robots.txt", read, (IOptions<SiteOptions> site) => Results.Text(Robots(site.Value), "text/plain; charset=utf-8"));
        endpoints.MapMethods("/sitemap.xml", read, (Sitemaps sitemaps, CancellationToken token) => sitemaps.IndexOrAllAsync(token));
        endpoints.MapMethods("/sitemaps/pages.xml", read, (Sitemaps sitemaps, CancellationToken token) => sitemaps.PagesFileAsync(token));
        endpoints.MapMethods("/sitemaps/articles-{year:regex(^\\d{{4}}$)}-{month:regex(^\\d{{2}}$)}.xml", read, (int year, int month, Sitemaps sitemaps, CancellationToken token) => sitemaps.MonthFileAsync(year, month, token));
        endpoints.MapMethods("/sitemap-news.xml", read, (Sitemaps sitemaps, CancellationToken token) => sitemaps.NewsAsync(token));
        endpoints.MapMethods(Pages.Routes.SiteFeed, read, (Feeds feeds, CancellationToken token) => feeds.SiteAsync(token));
        endpoints.MapMethods("/rubriques/{slug}/feed.xml", read, (string slug, Feeds feeds, CancellationToken token) => feeds.SectionAsync(slug, token));
        endpoints.MapMethods("/tags/{slug}/feed.xml", read, (string slug, Feeds feeds, CancellationToken token) => feeds.TagAsync(slug, token));
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
