using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Importing;

/// <summary>What an import reads before it writes: whether the site has articles, and what each imported one was made from.</summary>
public sealed class ImportQueries(IDatabase database)
{
    private const string AnyArticleSql = "SELECT EXISTS (SELECT 1 FROM articles)";

    public async Task<bool> AnyArticleAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyArticleSql, cancellationToken: cancellationToken));
    }

    private const string SourceHashesSql = "SELECT slug AS Slug, source_hash AS SourceHash FROM articles WHERE source_hash IS NOT NULL";

    /// <summary>The hash of what each imported article was made from, by slug: an import skips files that did not change.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SourceHashesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Slug, string SourceHash)>(new CommandDefinition(SourceHashesSql, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Slug, row => row.SourceHash, StringComparer.Ordinal);
    }
}
