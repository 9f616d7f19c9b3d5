using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Publisher.Web.Operations;

namespace Publisher.Benchmarks;

/// <summary>
/// What counting adds to a page served from the cache, too little for the load benchmark to resolve: the request
/// counter's middleware and the cache policy marking the hit, against the same request with <c>Metrics:Enabled</c>
/// false (no middleware, the policy's call a no-op). See docs/performance.md, « Metrics ».
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks : IDisposable
{
    private readonly PublisherMetrics _on = new(Options.Create(new MetricsOptions()));
    private readonly PublisherMetrics _off = new(Options.Create(new MetricsOptions { Enabled = false }));
    private readonly DefaultHttpContext _context = new();
    private RequestDelegate _uncounted = null!;
    private RequestDelegate _counted = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _context.Request.Path = "/articles/5g-sa-generalisation";
        _context.Response.StatusCode = StatusCodes.Status200OK;
        _uncounted = context =>
        {
            _off.PageServedFromCache(context);
            return Task.CompletedTask;
        };
        var counting = new RequestMetrics(context =>
        {
            _on.PageServedFromCache(context);
            return Task.CompletedTask;
        }, _on);
        _counted = counting.InvokeAsync;
    }

    [Benchmark(Baseline = true)]
    public Task CachedPageUncounted() => _uncounted(_context);

    [Benchmark]
    public Task CachedPageCounted() => _counted(_context);

    public void Dispose()
    {
        _on.Dispose();
        _off.Dispose();
        GC.SuppressFinalize(this);
    }
}
