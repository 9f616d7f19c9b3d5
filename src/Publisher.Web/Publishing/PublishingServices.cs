using Publisher.Core.Markdown;
using Publisher.Web.Caching;
using Publisher.Web.Media;

namespace Publisher.Web.Publishing;

public static class PublishingServices
{
    /// <summary>The write side every slice shares: the one Markdown pipeline, the renderer, pictures, the change signal and the site's freshness.</summary>
    public static IServiceCollection AddPublisherPublishing(this IServiceCollection services)
    {
        services.AddSingleton<ArticleMarkdown>();
        services.AddSingleton<ArticleRenderer>();
        services.AddSingleton<ArticleChanges>();
        services.AddSingleton<ContentFreshnessQuery>();
        services.AddSingleton<ContentFreshness>();
        services.AddSingleton<MediaLibrary>();
        return services;
    }
}
