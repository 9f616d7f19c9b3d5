using System.Diagnostics;
using System.Globalization;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Media;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Operations;

/// <summary>
/// <c>copy-to --provider Postgres --connection "Host=…;Database=…;Username=…"</c>: copies the whole site (articles,
/// revisions, redirects, deletions, accounts, audit, media references) from its configured database into
/// another, empty one, of either engine: the path of a site that outgrows SQLite. The target is migrated to
/// this build's schema, filled in one transaction, checked table by table (rows and checksum) before it
/// commits, and its search index is rebuilt. Media files stay where they are.
/// </summary>
public sealed class CopyToCommand(IDatabase source, IHostEnvironment environment, MediaLibrary media, TimeProvider clock, ILoggerFactory loggers)
{
    public const string Name = "copy-to";

    /// <summary>The options copy-to reads itself (for <see cref="CliCommand.Known"/>).</summary>
    public static readonly string[] Options = ["provider", "connection"];

    private const string Usage = "Usage: dotnet run --project src/Publisher.Web -- copy-to --provider Sqlite|Postgres --connection \"<the target's connection string>\"";

    /// <summary>2 for a wrong command line, 1 when the copy was refused or failed, 0 when done and verified.</summary>
    public async Task<int> RunAsync(CliCommand command, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        command.Options.TryGetValue("provider", out var provider);
        command.Options.TryGetValue("connection", out var connection);
        if (command.Arguments.Count > 0 || string.IsNullOrWhiteSpace(provider) || string.IsNullOrWhiteSpace(connection))
        {
            await errors.WriteLineAsync(string.IsNullOrWhiteSpace(provider) && command.Arguments.Count == 0
                ? "copy-to needs --provider, the target's engine (Sqlite or Postgres), and --connection, the target's connection string (\"Data Source=<file>\" for Sqlite)."
                : "copy-to takes no argument but --provider and --connection, the target's engine and connection string.");
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        if (DataServices.EngineOf(provider) is not { } engine)
        {
            await errors.WriteLineAsync($"--provider is '{provider}': it must be Sqlite or Postgres.");
            return 2;
        }
        IDatabase target;
        try
        {
            target = DataServices.Create(engine, connection, environment);
        }
        catch (DatabaseSettingException e)
        {
            await errors.WriteLineAsync($"Nothing was copied: {WithOption(e.Message)}.");
            return 2;
        }
        try
        {
            return await CopyAsync(target, output, errors, cancellationToken);
        }
        finally
        {
            if (target is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private async Task<int> CopyAsync(IDatabase target, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await output.WriteLineAsync($"Copying {source.Location} into {target.Location}…");
        var report = await new SiteCopy(source, target, clock, loggers).CopyAsync(cancellationToken);
        if (!report.Succeeded)
        {
            await errors.WriteLineAsync(WithOption(report.Refusal!));
            return 1;
        }
        var width = report.Tables.Max(table => table.Table.Length);
        foreach (var table in report.Tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table.Table.PadRight(width)}  {table.Rows,9:N0} {(table.Rows == 1 ? "row " : "rows")} copied, checksum ok"));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Tables.Count} tables, {report.Tables.Sum(table => table.Rows):N0} rows at schema {report.SchemaVersion}: counts and checksums verified, in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."));
        var indexing = Stopwatch.GetTimestamp();
        int indexed;
        try
        {
            // A fresh database: no node runs on it yet to hear of the index.
            using var changes = new ArticleChanges([], new SingleNodeNotices(), TimeProvider.System, loggers.CreateLogger<ArticleChanges>());
            indexed = await new SearchIndex(target, changes, loggers.CreateLogger<SearchIndex>()).RebuildAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await errors.WriteLineAsync($"The copy is committed and verified, but the search index could not be rebuilt on the target ({e.Message}): run reindex with the target's settings.");
            return 1;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Search index rebuilt on the target: {indexed:N0} articles, in {Stopwatch.GetElapsedTime(indexing).TotalSeconds:0.0} s."));
        await output.WriteLineAsync($"Media files are not copied: they stay in {media.Root}; the target's site must use that folder as its Media:Path.");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Done in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."));
        return 0;
    }

    // The engines' messages name the site's own setting; here the target's connection string is this option.
    private static string WithOption(string message) => message.Replace("ConnectionStrings:Publisher", "--connection", StringComparison.Ordinal);
}
