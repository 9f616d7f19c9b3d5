namespace Publisher.Web.Importing;

/// <summary>On the first start, with an empty database, imports the <c>Content:Path</c> folder so the site has something to show.</summary>
public sealed partial class FirstRunImport(
    ImportQueries queries,
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<FirstRunImport> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await queries.AnyArticleAsync(cancellationToken))
        {
            return;
        }
        var folder = ContentFolder;
        if (!Directory.Exists(folder))
        {
            LogNoContent(logger, folder);
            return;
        }
        // Resolved only now: building the importer (Markdown pipeline, sanitiser, image codecs) took a
        // fifth of every start-up, when a database with articles never needs it.
        var importer = services.GetRequiredService<ContentImporter>();
        var summary = await importer.ImportAsync(folder, cancellationToken);
        LogImported(logger, folder, summary.Imported, summary.Updated, summary.Unchanged, summary.Failed);
    }

    public string ContentFolder
    {
        get
        {
            var configured = configuration["Content:Path"];
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, string.IsNullOrWhiteSpace(configured) ? "content" : configured));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is empty and the content folder {Folder} does not exist: the site starts with no article")]
    private static partial void LogNoContent(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: imported {Folder}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    private static partial void LogImported(ILogger logger, string folder, int imported, int updated, int unchanged, int failed);
}
