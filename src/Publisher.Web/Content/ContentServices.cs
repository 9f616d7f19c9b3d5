using Publisher.Core.Markdown;

namespace Publisher.Web.Content;

public static class ContentServices
{
    /// <summary>Writing articles: the one Markdown pipeline, the store, pictures, the import.</summary>
    public static IServiceCollection AddPublisherContent(this IServiceCollection services)
    {
        services.AddSingleton<ArticleMarkdown>();
        services.AddSingleton<ArticleChanges>();
        services.AddSingleton<ContentFreshness>();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<FirstRunImport>();
        services.AddSingleton<SchedulePublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<SchedulePublisher>());
        return services;
    }
}
