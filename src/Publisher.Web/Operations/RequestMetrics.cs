using System.Diagnostics;

namespace Publisher.Web.Operations;

/// <summary>The kinds of page requests are counted by: few and fixed, whatever addresses are asked for.</summary>
public enum PageKind
{
    Home,
    Article,
    Section,
    Tag,
    Author,
    Search,
    Feed,
    Sitemap,
    Asset,
    Media,
    Admin,
    Health,
    Metrics,
    Other,
}

public static class PageKinds
{
    private static readonly string[] Labels = [.. Enum.GetValues<PageKind>().Select(kind => kind.ToString().ToLowerInvariant())];

    public static string Label(PageKind kind) => Labels[(int)kind];

    /// <summary>
    /// The kind of an address, from its first segment as the pages' routes and the syndication endpoints spell it
    /// (an address in other letter case is a redirect to the canonical one, counted as « other »). Sitemaps include
    /// robots.txt; assets are the site's own files (stylesheet, script, icons); media the uploaded pictures.
    /// </summary>
    public static PageKind Of(PathString path)
    {
        var value = path.Value.AsSpan();
        if (value.Length <= 1)
        {
            return PageKind.Home;
        }
        var rest = value[1..];
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? rest : rest[..slash];
        var isFeed = rest.EndsWith("/feed.xml", StringComparison.Ordinal);
        return first switch
        {
            "articles" => PageKind.Article,
            "rubriques" => isFeed ? PageKind.Feed : PageKind.Section,
            "tags" => isFeed ? PageKind.Feed : PageKind.Tag,
            "auteurs" => PageKind.Author,
            "recherche" => PageKind.Search,
            "feed.xml" => PageKind.Feed,
            "sitemap.xml" or "sitemap-news.xml" or "sitemaps" or "robots.txt" => PageKind.Sitemap,
            "css" or "js" or "images" or "favicon.svg" or "favicon.ico" => PageKind.Asset,
            "media" => PageKind.Media,
            "admin" => PageKind.Admin,
            "healthz" or "readyz" => PageKind.Health,
            "metrics" => PageKind.Metrics,
            _ => PageKind.Other,
        };
    }
}

/// <summary>
/// Counts and times every request by kind of page, status class and page cache outcome (which the cache's policy
/// sets on the request: <see cref="PublisherMetrics.PageServedFromCache"/>). Placed outside the page cache so that
/// its hits are counted, and outside the error pages so that the status is the one sent.
/// </summary>
public sealed class RequestMetrics(RequestDelegate next, PublisherMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The kind of the address asked for: an error page re-executes the request under another path.
        var kind = PageKinds.Of(context.Request.Path);
        var started = Stopwatch.GetTimestamp();
        Task answered;
        try
        {
            answered = next(context);
        }
        catch
        {
            Count(context, kind, started, failed: true);
            throw;
        }
        if (answered.IsCompletedSuccessfully)
        {
            Count(context, kind, started, failed: false);
            return Task.CompletedTask;
        }
        return AwaitAsync(answered, context, kind, started);
    }

    private async Task AwaitAsync(Task answered, HttpContext context, PageKind kind, long started)
    {
        try
        {
            await answered;
        }
        catch
        {
            Count(context, kind, started, failed: true);
            throw;
        }
        Count(context, kind, started, failed: false);
    }

    // An exception past the error pages becomes the server's own 500.
    private void Count(HttpContext context, PageKind kind, long started, bool failed) =>
        metrics.RequestAnswered(kind, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            context.Features.Get<PageCacheOutcome>(), Stopwatch.GetElapsedTime(started));
}
