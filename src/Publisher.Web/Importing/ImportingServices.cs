namespace Publisher.Web.Importing;

public static class ImportingServices
{
    /// <summary>The import of a folder of Markdown articles, and the first-run import of an empty database.</summary>
    public static IServiceCollection AddPublisherImporting(this IServiceCollection services)
    {
        services.AddSingleton<ImportQueries>();
        services.AddSingleton<ImportArticles>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<FirstRunImport>();
        return services;
    }
}
