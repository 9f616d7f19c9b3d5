using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Media;
using Publisher.Web.Operations;
using Publisher.Web.Pages;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Publishing;
using Publisher.Web.Scheduling;
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
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Node", NodeName.Of(builder.Configuration)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The largest body the site accepts is an editor's upload (10 MB) with its form; anything bigger
            // is refused (413) before it is read. URLs and headers keep Kestrel's limits (8 KB, 32 KB): 414, 431.
            kestrel.Limits.MaxRequestBodySize = MediaLibrary.MaxBytes + (2 * 1024 * 1024);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPublisherData();
        builder.Services.AddPublisherPublishing();
        builder.Services.AddPublisherImporting();
        builder.Services.AddPublisherScheduling();
        builder.Services.AddPublisherReaderSite(builder.Configuration);
        builder.Services.AddPublisherSyndication();
        builder.Services.AddPublisherAdmin();
        builder.Services.AddPublisherHealthChecks();
        builder.Services.AddPublisherMetrics(builder.Configuration);
        builder.Services.AddSingleton<BackupCommands>();
        builder.Services.AddSingleton<CopyToCommand>();
        builder.Services.AddSingleton<ImportCommand>();
        builder.Services.AddSingleton<MigrateCommand>();
        builder.Services.AddSingleton<ReindexCommand>();
        builder.Services.AddSingleton<UserCommand>();
        builder.Services.AddSingleton<SiteStartup>();
        return builder;
    }
}
