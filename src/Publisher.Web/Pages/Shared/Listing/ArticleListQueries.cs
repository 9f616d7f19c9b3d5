using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>The paginated lists of published articles: home page, a section, a tag.</summary>
public sealed class ArticleListQueries(SqliteConnectionFactory connections)
{
    internal const string LatestSql = $"""
        SELECT {ArticleSummaryRow.Columns}
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        WHERE {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<ArticlePage> LatestAsync(int pageNumber, DateTimeOffset now, CancellationToken cancellationToken) =>
        PageAsync(LatestSql, new { }, pageNumber, now, cancellationToken);

    internal const string BySectionSql = $"""
        SELECT {ArticleSummaryRow.Columns}
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        WHERE a.section_id = @SectionId AND {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<ArticlePage> BySectionAsync(long sectionId, int pageNumber, DateTimeOffset now, CancellationToken cancellationToken) =>
        PageAsync(BySectionSql, new { SectionId = sectionId }, pageNumber, now, cancellationToken);

    internal const string ByAuthorSql = $"""
        SELECT {ArticleSummaryRow.Columns}
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        WHERE a.author_id = @AuthorId AND {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<ArticlePage> ByAuthorAsync(long authorId, int pageNumber, DateTimeOffset now, CancellationToken cancellationToken) =>
        PageAsync(ByAuthorSql, new { AuthorId = authorId }, pageNumber, now, cancellationToken);

    // Read in the order of article_tags' own index (tag, publication time), then joined: a popular tag
    // costs no more than a rare one.
    internal const string ByTagSql = $"""
        SELECT {ArticleSummaryRow.Columns}
        FROM article_tags t
        JOIN articles a ON a.id = t.article_id
        JOIN sections s ON s.id = a.section_id
        WHERE t.tag_id = @TagId AND t.published_at <= @Now AND {Published.Filter}
        ORDER BY t.published_at DESC, t.article_id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<ArticlePage> ByTagAsync(long tagId, int pageNumber, DateTimeOffset now, CancellationToken cancellationToken) =>
        PageAsync(ByTagSql, new { TagId = tagId }, pageNumber, now, cancellationToken);

    private async Task<ArticlePage> PageAsync(string sql, object filter, int pageNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        var (limit, offset) = ArticlePage.Window(pageNumber);
        var parameters = new DynamicParameters(filter);
        parameters.Add("Now", DateTimeOffsetHandler.ToText(now));
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleSummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return ArticlePage.From(rows.AsList(), pageNumber);
    }
}
