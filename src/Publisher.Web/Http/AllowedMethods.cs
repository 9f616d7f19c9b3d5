using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.FileProviders;

namespace Publisher.Web.Http;

/// <summary>A folder of files served as they are, and the address it is served under.</summary>
public sealed record StaticFolder(PathString RequestPath, IFileProvider Files);

/// <summary>
/// 405 with an <c>Allow</c> header to a method an address does not answer. Feeds and sitemaps get it from routing,
/// which knows their methods; Razor Pages do not: a page receiving a method it has no handler for (TRACE, PUT, a
/// made-up one) is rendered with no handler run, its model empty (the NullReferenceException of a TRACE), or stopped
/// by the anti-forgery check (400); and static files let any other method fall through to a 404. Runs once the
/// address has been routed, before sign-in is checked.
/// </summary>
public sealed class AllowedMethods(RequestDelegate next, IReadOnlyList<StaticFolder> staticFolders)
{
    private static readonly string[] Read = [HttpMethods.Get, HttpMethods.Head];

    private readonly ConcurrentDictionary<CompiledPageActionDescriptor, string[]> _pages = new();

    public Task InvokeAsync(HttpContext context)
    {
        var allowed = IsErrorPage(context) ? null : Allowed(context);
        if (allowed is null || allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Task.CompletedTask;
    }

    // The error page is shown for a request of any method, re-executed with it.
    private static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    /// <summary>What the address answers: a page its handlers' methods, a static file GET and HEAD; null when routing decides.</summary>
    private string[]? Allowed(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
        {
            // A page's handlers do not change: read once per page, not per request.
            return _pages.GetOrAdd(page, PageMethods);
        }
        return endpoint is null && IsStaticFile(context.Request.Path) ? Read : null;
    }

    private static string[] PageMethods(CompiledPageActionDescriptor page)
    {
        var methods = page.HandlerMethods.Where(handler => !IsPageFilter(handler))
            .Select(handler => handler.HttpMethod.ToUpperInvariant()).ToHashSet();
        // A page without handlers is rendered on GET; HEAD is a GET without its body.
        return methods.Count == 0 || methods.Remove(HttpMethods.Get) ? [.. Read, .. methods.Order(StringComparer.Ordinal)] : [.. methods.Order(StringComparer.Ordinal)];
    }

    // Razor Pages takes a page model's override of its filter methods (OnPageHandlerExecutionAsync…) for a handler of a « PAGE » method.
    private static bool IsPageFilter(HandlerMethodDescriptor handler) =>
        handler.MethodInfo.GetBaseDefinition().DeclaringType == typeof(PageModel);

    private bool IsStaticFile(PathString path)
    {
        foreach (var folder in staticFolders)
        {
            if (path.StartsWithSegments(folder.RequestPath, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue
                && folder.Files.GetFileInfo(rest.Value) is { Exists: true, IsDirectory: false })
            {
                return true;
            }
        }
        return false;
    }
}
