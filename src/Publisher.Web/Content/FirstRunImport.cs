using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Content;

/// <summary>On the first start, with an empty database, imports the <c>Content:Path</c> folder so the site has something to show.</summary>
public sealed partial class FirstRunImport(
    SqliteConnectionFactory connections,
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<FirstRunImport> logger)
{
    private const string AnyArticleSql = "SELECT EXISTS (SELECT 1 FROM articles)";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyArticleSql, cancellationToken: cancellationToken)))
            {
                return;
            }
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
