using System.Data.Common;
using Dapper;
using Publisher.Core.Markdown;
using Publisher.Core.Search;
using Publisher.Web.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Search;

/// <summary>Keeps <c>article_search</c> (FTS5) in step with the articles, and rebuilds it when asked.</summary>
public sealed partial class SearchIndex(SqliteConnectionFactory connections, ArticleChanges changes, ILogger<SearchIndex> logger)
{
    private const string WriteSql = """
        DELETE FROM article_search WHERE rowid = @Id;
        INSERT INTO article_search (rowid, title, standfirst, body, tags) VALUES (@Id, @Title, @Standfirst, @Body, @Tags);
        """;

    /// <summary>Indexes one article, inside the caller's transaction, so the index never disagrees with what was saved.</summary>
    public static Task WriteAsync(DbConnection connection, DbTransaction transaction, long id, string title, string standfirst, string bodyText, IEnumerable<string> tags, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(WriteSql, new
        {
            Id = id,
            Title = SearchText.ForIndex(title),
            Standfirst = SearchText.ForIndex(standfirst),
            Body = SearchText.ForIndex(bodyText),
            Tags = SearchText.ForIndex(string.Join(' ', tags)),
        }, transaction, cancellationToken: cancellationToken));

    private const string SourcesSql = """
        SELECT a.id AS Id, a.title AS Title, a.standfirst AS Standfirst, a.body_html AS BodyHtml,
               (SELECT group_concat(tg.name, ' ') FROM article_tags t JOIN tags tg ON tg.id = t.tag_id WHERE t.article_id = a.id) AS Tags
        FROM articles a
        """;

    private const string BodyTextSql = "UPDATE articles SET body_text = @BodyText WHERE id = @Id";

    private const string ClearSql = "DELETE FROM article_search";

    /// <summary>Indexes every article again, in one transaction; returns how many.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ClearSql, transaction: transaction, cancellationToken: cancellationToken));
        var count = 0;
        foreach (var row in await connection.QueryAsync<SourceRow>(new CommandDefinition(SourcesSql, transaction: transaction, cancellationToken: cancellationToken)))
        {
            var text = ArticleMarkdown.PlainText(row.BodyHtml);
            await connection.ExecuteAsync(new CommandDefinition(BodyTextSql, new { row.Id, BodyText = text }, transaction, cancellationToken: cancellationToken));
            await WriteAsync(connection, transaction, row.Id, row.Title, row.Standfirst, text, [row.Tags ?? ""], cancellationToken);
            count++;
        }
        await transaction.CommitAsync(cancellationToken);
        // Search results are cached like any list.
        await changes.NotifyAsync(new ContentChange(ContentReach.Listed));
        LogRebuilt(logger, count);
        return count;
    }

    // Every article has its index row, written in the article's own transaction: only a new index (after its
    // migration) or a restored database can differ. Counted on the small index and FTS5's one-row-a-document
    // table, so that start-up does not read a large archive's article bodies.
    private const string NeedsBuildSql = "SELECT (SELECT COUNT(*) FROM articles) <> (SELECT COUNT(*) FROM article_search_docsize)";

    /// <summary>Rebuilds the index when an article is missing from it (after the migration that created it, or a restore).</summary>
    public async Task EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        bool needed;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            needed = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(NeedsBuildSql, cancellationToken: cancellationToken));
        }
        if (needed)
        {
            await RebuildAsync(cancellationToken);
        }
    }

    private sealed class SourceRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Standfirst { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string? Tags { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Count} articles")]
    private static partial void LogRebuilt(ILogger logger, int count);
}
