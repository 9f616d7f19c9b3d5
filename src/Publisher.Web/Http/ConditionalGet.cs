using System.IO.Hashing;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;
using Publisher.Web.Caching;

namespace Publisher.Web.Http;

/// <summary>
/// Validators and caching for what the site generates (pages, feeds, sitemaps, robots.txt): a weak
/// <c>ETag</c> from the bytes sent, <c>Last-Modified</c> from the last change of published content, 304 with
/// no body to a matching conditional GET, and a <c>Cache-Control</c> for a CDN in front when the endpoint
/// did not set one.
/// </summary>
public sealed class ConditionalGet(RequestDelegate next, ContentFreshness freshness)
{
    // Every generated response passes through a buffer: pooled, so that a page allocates none, and bounded,
    // so that a burst of large responses (sitemaps) does not keep its memory for good.
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 16 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var original = response.Body;
        using var buffer = Buffers.GetStream(nameof(ConditionalGet));
        response.Body = buffer;
        // A HEAD is answered as a GET whose body is dropped, so that both carry the same validators.
        var isHead = HttpMethods.IsHead(request.Method);
        if (isHead)
        {
            request.Method = HttpMethods.Get;
        }
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
            if (isHead)
            {
                request.Method = HttpMethods.Head;
            }
        }

        if (response.StatusCode == StatusCodes.Status200OK && IsGenerated(response.ContentType))
        {
            var etag = new EntityTagHeaderValue($"\"{Fingerprint(buffer)}\"", isWeak: true);
            var lastModified = await freshness.LastChangeAsync(context.RequestAborted);
            var headers = response.GetTypedHeaders();
            response.Headers.Vary = "Accept-Encoding";
            headers.ETag = etag;
            headers.LastModified = lastModified;
            if (string.IsNullOrEmpty(response.Headers.CacheControl))
            {
                response.Headers.CacheControl = CachePolicy(request.Path);
            }
            if (IsNotModified(request, etag, lastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }
        else if (response.StatusCode >= 500)
        {
            response.Headers.CacheControl = "no-store";
        }
        if (isHead)
        {
            response.ContentLength = buffer.Length;
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // A validator, not a secret: a fast non-cryptographic hash of the bytes sent is enough to tell versions apart.
    private static string Fingerprint(RecyclableMemoryStream body)
    {
        var hash = new XxHash128();
        foreach (var segment in body.GetReadOnlySequence())
        {
            hash.Append(segment.Span);
        }
        return Convert.ToBase64String(hash.GetCurrentHash()).TrimEnd('=');
    }

    /// <summary>
    /// Articles change rarely once out; lists, the sidebar on every page and feeds change with each
    /// publication; the admin area is never stored by anyone but the browser's session.
    /// </summary>
    public static string CachePolicy(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) ? "private, no-store"
        : path.StartsWithSegments("/articles", StringComparison.Ordinal) ? "public, max-age=300, stale-while-revalidate=86400"
        : "public, max-age=60, stale-while-revalidate=600";

    public static bool IsGenerated(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/rss+xml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110, 13.2.2).
    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }
        return headers.IfModifiedSince is { } since && lastModified <= since;
    }
}
