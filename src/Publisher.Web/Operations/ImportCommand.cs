using System.Globalization;
using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Operations;

/// <summary>
/// <c>import [folder]</c>: imports Markdown articles (by default the <c>Content:Path</c> folder), prints a
/// summary, exits non-zero if any file failed. A relative folder is taken from the current directory,
/// which <c>dotnet run</c> sets to the app's folder.
/// </summary>
public sealed class ImportCommand(DatabaseMigrator migrator, SearchIndex searchIndex, ContentImporter importer, FirstRunImport firstRun)
{
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (arguments.Count > 1)
        {
            await errors.WriteLineAsync("Usage: dotnet run --project src/Publisher.Web -- import [folder]");
            return 2;
        }
        var folder = arguments.Count == 1 ? Path.GetFullPath(arguments[0]) : firstRun.ContentFolder;
        if (!Directory.Exists(folder))
        {
            await errors.WriteLineAsync($"The folder '{folder}' does not exist.");
            return 2;
        }
        await migrator.MigrateAsync(cancellationToken);
        await searchIndex.EnsureBuiltAsync(cancellationToken);
        var lastShown = TimeSpan.Zero;
        var summary = await importer.ImportAsync(folder, cancellationToken, progress =>
        {
            // Progress goes to standard error, at most once a second, so that standard output keeps the summary alone.
            if (progress.Elapsed - lastShown >= TimeSpan.FromSeconds(1) || progress.Done == progress.Total && lastShown > TimeSpan.Zero)
            {
                lastShown = progress.Elapsed;
                errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {progress.Done:N0} / {progress.Total:N0} files, {progress.PerSecond:N0} a second, {progress.Remaining.TotalSeconds:N0} s left"));
            }
        });
        await output.WriteLineAsync($"Imported {summary.Imported}, updated {summary.Updated}, unchanged {summary.Unchanged}, failed {summary.Failed}.");
        foreach (var failure in summary.Failures)
        {
            await errors.WriteLineAsync($"  {failure.File}: {failure.Reason}");
        }
        return summary.Failed > 0 ? 1 : 0;
    }
}
