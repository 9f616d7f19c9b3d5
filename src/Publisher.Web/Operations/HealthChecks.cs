using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Publisher.Web.Data;

namespace Publisher.Web.Operations;

/// <summary>
/// Ready when the database answers and holds every migration this build knows; a database migrated by a newer
/// build is not ready either, since this one would misread it.
/// </summary>
public sealed class DatabaseReadyCheck(DatabaseMigrator migrator, IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = DatabaseMigrator.LatestVersion;
        try
        {
            var applied = await migrator.SchemaVersionAsync(cancellationToken);
            return applied == expected
                ? HealthCheckResult.Healthy($"schema version {applied}")
                : HealthCheckResult.Unhealthy($"schema version {applied}, this build expects {expected}");
        }
        catch (Exception e) when (e is DbException || database.IsTransient(e))
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.Message);
        }
    }
}

/// <summary>Ready only while the node hears the other nodes' changes: without them its cached pages would go stale.</summary>
public sealed class ChangeNoticesReadyCheck(INodeNotices notices) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(notices.Listening ? HealthCheckResult.Healthy(notices.Status) : HealthCheckResult.Unhealthy(notices.Status));
}

public static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IServiceCollection AddPublisherHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<ChangeNoticesReadyCheck>("notices", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers (no dependency checked). <c>/readyz</c>: it can serve pages.</summary>
    public static IEndpointRouteBuilder MapPublisherHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // GET and HEAD only, as every other address: routing answers 405 with Allow to the rest.
        endpoints.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).WithMetadata(new HttpMethodMetadata(ReadMethods));
        endpoints.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync }).WithMetadata(new HttpMethodMetadata(ReadMethods));
        return endpoints;
    }

    // One line for a load balancer or an operator: the status, then what each check said.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var details = string.Join("; ", report.Entries.Select(entry => $"{entry.Key}: {entry.Value.Description}"));
        return context.Response.WriteAsync(details.Length == 0 ? report.Status.ToString() : $"{report.Status} ({details})");
    }
}
