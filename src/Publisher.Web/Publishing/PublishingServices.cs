using Publisher.Core.Markdown;
using Publisher.Web.Caching;
using Publisher.Web.Importing;
using Publisher.Web.Media;
using Publisher.Web.Scheduling;

namespace Publisher.Web.Publishing;

public static class PublishingServices
{
    /// <summary>The write side every slice shares: the one Markdown pipeline, pictures, the change signal, the import and the scheduler.</summary>
    public static IServiceCollection AddPublisherPublishing(this IServiceCollection services)
    {
        services.AddSingleton<ArticleMarkdown>();
        services.AddSingleton<ArticleRenderer>();
        services.AddSingleton<ArticleChanges>();
        services.AddSingleton<ContentFreshnessQuery>();
        services.AddSingleton<ContentFreshness>();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<ImportQueries>();
        services.AddSingleton<ImportArticles>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<FirstRunImport>();
        services.AddSingleton<PublishDueArticles>();
        services.AddSingleton<SchedulePublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<SchedulePublisher>());
        return services;
    }
}
