using Publisher.Web.Admin;
using Publisher.Web.Commands;
using Publisher.Web.Content;
using Publisher.Web.Data;
using Publisher.Web.Operations;
using Publisher.Web.Pages;
using Publisher.Web.Syndication;
using Serilog;

namespace Publisher.Web;

public static class PublisherServices
{
    /// <summary>Everything the site and its commands use; the benchmarks build the same app from it.</summary>
    public static WebApplicationBuilder AddPublisher(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPublisherData();
        builder.Services.AddPublisherContent();
        builder.Services.AddPublisherReaderSite(builder.Configuration);
        builder.Services.AddPublisherSyndication();
        builder.Services.AddPublisherAdmin();
        builder.Services.AddPublisherHealthChecks();
        builder.Services.AddSingleton<BackupCommand>();
        builder.Services.AddSingleton<ImportCommand>();
        builder.Services.AddSingleton<ReindexCommand>();
        builder.Services.AddSingleton<RestoreCommand>();
        builder.Services.AddSingleton<UserCommand>();
        return builder;
    }
}
