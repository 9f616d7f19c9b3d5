using Publisher.Web.Data;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Operations;

/// <summary><c>reindex</c>: rebuilds the search index from the articles, in one transaction.</summary>
public sealed class ReindexCommand(DatabaseMigrator migrator, SearchIndex index)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await migrator.MigrateAsync(cancellationToken);
        var count = await index.RebuildAsync(cancellationToken);
        await output.WriteLineAsync($"Search index rebuilt: {count} articles.");
        return 0;
    }
}
