namespace Publisher.Web.Scheduling;

public static class SchedulingServices
{
    /// <summary>Scheduled publication: the action, and the background service that runs it at each article's minute.</summary>
    public static IServiceCollection AddPublisherScheduling(this IServiceCollection services)
    {
        services.AddSingleton<PublishDueArticles>();
        services.AddSingleton<SchedulePublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<SchedulePublisher>());
        return services;
    }
}
