using System.Diagnostics;
using System.Globalization;
using Publisher.Web.Data;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Operations;

/// <summary>
/// <c>migrate</c>: applies the migrations this build brings, and builds the search index if one left it
/// empty, without serving. Run before starting a new version on a large archive, so that the site starts at
/// once and a failing migration is seen here.
/// </summary>
public sealed class MigrateCommand(DatabaseMigrator migrator, SearchIndex searchIndex, IDatabase database)
{
    public async Task<int> RunAsync(TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var started = Stopwatch.GetTimestamp();
        var applied = await migrator.MigrateAsync(cancellationToken);
        var schema = await migrator.SchemaVersionAsync(cancellationToken);
        if (schema > DatabaseMigrator.LatestVersion)
        {
            await errors.WriteLineAsync($"{database.Location} is at schema {schema}, newer than this build's {DatabaseMigrator.LatestVersion}: run the newer build.");
            return 1;
        }
        await searchIndex.EnsureBuiltAsync(cancellationToken);
        await output.WriteLineAsync(applied == 0
            ? $"{database.Location} is already at schema {schema}."
            : string.Create(CultureInfo.InvariantCulture, $"{database.Location} is at schema {schema}: {applied} migration(s) applied in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."));
        return 0;
    }
}
