using Dapper;
using Publisher.Core.Markdown;
using Publisher.Core.Search;
using Publisher.Web.Caching;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Search;

/// <summary>
/// Keeps <c>article_search</c> in step with the articles, and rebuilds it when asked: an FTS5 table on SQLite, a
/// weighted <c>tsvector</c> under a GIN index on PostgreSQL. Both hold the words as <see cref="SearchText"/> made
/// them, so that the engines find the same articles.
/// </summary>
public sealed partial class SearchIndex(IDatabase database, ArticleChanges changes, ILogger<SearchIndex> logger)
{
    // PostgreSQL's 'simple' configuration lowers the case and nothing else, so the words stay SearchText's (its
    // parser reads « 1e5x » as a number and a word, alike in articles and queries). The weights A to D mark
    // the columns FTS5 keeps apart, for ranking.
    private static readonly EngineSql WriteSql = new(
        Sqlite: """
            DELETE FROM article_search WHERE rowid = @Id;
            INSERT INTO article_search (rowid, title, standfirst, body, tags) VALUES (@Id, @Title, @Standfirst, @Body, @Tags);
            """,
        Postgres: """
            INSERT INTO article_search (article_id, document)
            VALUES (@Id, setweight(to_tsvector('simple', @Title), 'A') || setweight(to_tsvector('simple', @Tags), 'B')
                || setweight(to_tsvector('simple', @Standfirst), 'C') || setweight(to_tsvector('simple', @Body), 'D'))
            ON CONFLICT (article_id) DO UPDATE SET document = excluded.document
            """);

    /// <summary>Indexes one article, inside the caller's transaction, so the index never disagrees with what was saved.</summary>
    public static Task<int> WriteAsync(WriteTransaction transaction, long id, string title, string standfirst, string bodyText, IEnumerable<string> tags, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(WriteSql, new
        {
            Id = id,
            Title = SearchText.ForIndex(title),
            Standfirst = SearchText.ForIndex(standfirst),
            Body = SearchText.ForIndex(bodyText),
            Tags = SearchText.ForIndex(string.Join(' ', tags)),
        }, cancellationToken);

    private const string SourcesSql = """
        SELECT a.id AS Id, a.title AS Title, a.standfirst AS Standfirst, a.body_html AS BodyHtml,
               (SELECT string_agg(tg.name, ' ') FROM article_tags t JOIN tags tg ON tg.id = t.tag_id WHERE t.article_id = a.id) AS Tags
        FROM articles a
        """;

    private const string BodyTextSql = "UPDATE articles SET body_text = @BodyText WHERE id = @Id";

    private const string ClearSql = "DELETE FROM article_search";

    /// <summary>Indexes every article again, in one transaction; returns how many.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(ClearSql, null, cancellationToken);
        var count = 0;
        foreach (var row in await transaction.QueryAsync<SourceRow>(SourcesSql, null, cancellationToken))
        {
            var text = ArticleMarkdown.PlainText(row.BodyHtml);
            await transaction.ExecuteAsync(BodyTextSql, new { row.Id, BodyText = text }, cancellationToken);
            await WriteAsync(transaction, row.Id, row.Title, row.Standfirst, text, [row.Tags ?? ""], cancellationToken);
            count++;
        }
        // Search results are cached like any list.
        await changes.CommitAsync(transaction, new ContentChange(ContentReach.Listed), cancellationToken);
        LogRebuilt(logger, count);
        return count;
    }

    // Every article has its index row, written in the article's own transaction: only the migration that
    // created the index (run on a database with articles, or on an old backup being restored) leaves it
    // behind, and then it is empty. Two one-row reads: counting the articles read a 15 MB index at 100,000
    // articles, 0.2 s of a start with the file out of memory. Rows written around the store are for `reindex`.
    // FTS5's own table of one row per document answers without reading the index; a boolean on PostgreSQL,
    // 0 or 1 on SQLite, read as bool either way.
    private static readonly EngineSql NeedsBuildSql = new(
        Sqlite: "SELECT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM article_search_docsize)",
        Postgres: "SELECT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM article_search)");

    /// <summary>Builds the index when there are articles but it is empty (after the migration that created it); true if it did.</summary>
    public async Task<bool> EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        bool needed;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            needed = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(database.Text(NeedsBuildSql), cancellationToken: cancellationToken));
        }
        if (needed)
        {
            await RebuildAsync(cancellationToken);
        }
        return needed;
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
