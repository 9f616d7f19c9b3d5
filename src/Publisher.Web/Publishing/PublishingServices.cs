using Publisher.Core.Markdown;
using Publisher.Web.Caching;
using Publisher.Web.Media;

namespace Publisher.Web.Publishing;

public static class PublishingServices
{
    /// <summary>The write side every slice shares: the one Markdown pipeline, the renderer, pictures, the change signal, the site's freshness, and the render again of articles an older pipeline stored.</summary>
    public static IServiceCollection AddPublisherPublishing(this IServiceCollection services)
    {
        services.AddSingleton<ArticleMarkdown>();
        services.AddSingleton<ArticleRenderer>();
        services.AddSingleton<ArticleChanges>();
        services.AddSingleton<Data.INodeNoticeReceiver>(provider => provider.GetRequiredService<ArticleChanges>());
        services.AddSingleton<ContentFreshnessQuery>();
        services.AddSingleton<ContentFreshness>();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<RenderStoredArticles>();
        services.AddHostedService(provider => provider.GetRequiredService<RenderStoredArticles>());
        return services;
    }
}
