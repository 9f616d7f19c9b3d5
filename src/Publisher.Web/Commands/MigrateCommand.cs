using System.Diagnostics;
using Publisher.Web.Data;

namespace Publisher.Web.Commands;

/// <summary>
/// <c>migrate</c>: applies the migrations this build brings, without serving. Run before starting a new
/// version on a large archive, so that the site starts at once and a failing migration is seen here.
/// </summary>
public sealed class MigrateCommand(DatabaseMigrator migrator)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var started = Stopwatch.GetTimestamp();
        var applied = await migrator.MigrateAsync(cancellationToken);
        var schema = DatabaseMigrator.Embedded.Max(migration => migration.Version);
        await output.WriteLineAsync(applied == 0
            ? $"Database already at schema {schema}."
            : $"Database at schema {schema}: {applied} migration(s) applied in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");
        return 0;
    }
}
