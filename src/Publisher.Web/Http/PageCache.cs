using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Publisher.Web.Caching;
using Publisher.Web.Operations;
using Publisher.Web.Pages;
using Publisher.Web.Pages.Admin;

namespace Publisher.Web.Http;

public sealed class PageCacheOptions
{
    public const string Section = "PageCache";

    /// <summary>Off, every request renders its page: how the benchmark measures a cache miss.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Memory the cached responses may take; the least used go first beyond it.</summary>
    [Range(1, 100_000)]
    public int SizeLimitMegabytes { get; set; } = 100;
}

/// <summary>
/// The tags cached responses carry, so that a change drops the pages that show it and leaves the others
/// (<see cref="PageCacheEviction"/>).
/// </summary>
public static class PageCacheTags
{
    /// <summary>Every cached response: the sidebar and the header are on every page.</summary>
    public const string EveryPage = "page";

    /// <summary>Everything but article pages: home, sections, tags, authors, search, feeds, sitemaps.</summary>
    public const string Lists = "lists";

    /// <summary>The article's page, and every article page whose « À lire aussi » links to it.</summary>
    public static string Article(long id) => "article:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string Generation(long generation) => "generation:" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Marks the response being rendered as showing these articles.</summary>
    public static void AddArticles(HttpContext context, IEnumerable<long> articleIds)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } tags)
        {
            foreach (var id in articleIds)
            {
                tags.Add(Article(id));
            }
        }
    }
}

/// <summary>
/// Which responses the page cache keeps: public GETs of generated content (pages, feeds, sitemaps) and of
/// the site's stylesheet, script and icon, that answered 200 without setting a cookie, for readers only. An
/// editor's request (the session cookie), the admin area and preview links are never answered from it nor
/// stored in it, and an editor's pages are marked private. Entries vary by the query keys pages read and by
/// <c>Accept-Encoding</c>, since what is stored is the compressed body.
/// </summary>
public sealed class PublicPagePolicy(PageCacheOptions options, PublisherMetrics metrics) : IOutputCachePolicy
{
    // What pages read (page, q) and the version of a stylesheet or script (v).
    private static readonly string[] QueryKeys = ["page", "q", "v"];

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var admin = request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
        var editor = request.Cookies.ContainsKey(AdminServices.SessionCookie);
        var cacheable = options.Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !admin
            && !request.Path.StartsWithSegments(Routes.PreviewPrefix, StringComparison.OrdinalIgnoreCase)
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !editor;
        if (editor && !admin)
        {
            // An editor's page may differ from readers' (« Modifier » on an article): private, so that no shared
            // cache in front keeps it for readers. Readers' pages carry no Vary: Cookie, which would split a
            // shared cache by every cookie a reader's browser holds; static files set their own header.
            context.HttpContext.Response.Headers.CacheControl = "private, no-cache";
        }
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Concurrent misses on one page wait for the first render instead of all rendering it.
        context.AllowLocking = true;
        // The longest a page is trusted without hearing of a change, as for the in-memory snapshots: another
        // process (an import beside the site) writes without telling this one.
        context.ResponseExpirationTimeSpan = LiveSnapshot<object>.MaximumAge;
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        context.Tags.Add(PageCacheTags.EveryPage);
        // Resolved here, not injected: the store is built from the output cache options this policy is part of.
        var store = context.HttpContext.RequestServices.GetRequiredService<PageCacheStore>();
        context.Tags.Add(PageCacheTags.Generation(store.Generation));
        if (!request.Path.StartsWithSegments("/articles", StringComparison.Ordinal))
        {
            context.Tags.Add(PageCacheTags.Lists);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        metrics.PageServedFromCache(context.HttpContext);
        return ValueTask.CompletedTask;
    }

    // The stylesheet, the script and the SVG icon: kept so that they are compressed once, not on every request.
    // Pictures are not: they are compressed already, and too many to hold.
    private static bool IsStaticText(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/css", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/svg+xml", StringComparison.OrdinalIgnoreCase));

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || !(ConditionalGet.IsGenerated(response.ContentType) || IsStaticText(response.ContentType)))
        {
            context.AllowCacheStorage = false;
        }
        else if (context.AllowCacheStorage)
        {
            metrics.PageRenderedForCache(context.HttpContext);
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The memory store behind the page cache, with one guarantee added: a page rendered while a change was
/// being saved is never kept. Each response is tagged with the generation current when its request began;
/// a change moves the generation and evicts under the same lock that stores, so an older render is refused
/// whether it arrives before or after the eviction.
/// </summary>
public sealed class PageCacheStore(IOutputCacheStore inner, PublisherMetrics? metrics = null) : IOutputCacheStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = PageCacheTags.Generation(Generation);
            if (tags is not null && tags.Contains(current))
            {
                // The generation tag has done its work; kept, every generation would leave an index entry behind.
                await inner.SetAsync(key, value, [.. tags.Where(tag => tag != current)], validFor, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => EvictAsync([tag], cancellationToken);

    /// <summary>Starts a new generation and drops the entries carrying any of these tags.</summary>
    public async ValueTask EvictAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref _generation);
            foreach (var tag in tags)
            {
                await inner.EvictByTagAsync(tag, cancellationToken);
            }
            metrics?.PageCacheEvicted(tags);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>Drops the cached pages a content change made stale, and no others.</summary>
public sealed class PageCacheEviction(PageCacheStore store) : IContentChangeListener
{
    public ValueTask OnChangedAsync(ContentChange change) => store.EvictAsync(change switch
    {
        { Reach: ContentReach.EveryPage } => [PageCacheTags.EveryPage],
        { Reach: ContentReach.Listed, ArticleId: { } id } => [PageCacheTags.Lists, PageCacheTags.Article(id)],
        { Reach: ContentReach.Listed } => [PageCacheTags.Lists],
        { ArticleId: { } id } => [PageCacheTags.Article(id)],
        _ => [],
    }, CancellationToken.None);
}

public static class PageCacheServices
{
    /// <summary>The page cache: ASP.NET Core's output cache, its memory store guarded by <see cref="PageCacheStore"/>.</summary>
    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageCacheOptions>().Bind(configuration.GetSection(PageCacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PageCacheOptions>, PublisherMetrics>((cache, page, metrics) =>
        {
            cache.SizeLimit = page.Value.SizeLimitMegabytes * 1024L * 1024L;
            // Paths are matched as sent: /Articles/x must reach the canonical redirect, not /articles/x's page.
            cache.UseCaseSensitivePaths = true;
            cache.AddBasePolicy(new PublicPagePolicy(page.Value, metrics));
        });
        var memory = services.Last(service => service.ServiceType == typeof(IOutputCacheStore));
        var createMemory = memory.ImplementationFactory
            ?? throw new InvalidOperationException("The output cache's memory store is no longer registered by a factory; PageCacheServices must be updated.");
        services.Remove(memory);
        services.AddSingleton(provider => new PageCacheStore((IOutputCacheStore)createMemory(provider), provider.GetRequiredService<PublisherMetrics>()));
        services.AddSingleton<IOutputCacheStore>(provider => provider.GetRequiredService<PageCacheStore>());
        services.AddSingleton<IContentChangeListener, PageCacheEviction>();
        return services;
    }
}
