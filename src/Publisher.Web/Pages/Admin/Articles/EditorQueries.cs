using System.Text.Json;
using Dapper;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>An article as the editor loads it: the fields as typed, its revision, who created it.</summary>
public sealed class EditableArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public string BodyMarkdown { get; init; } = "";
    public string Section { get; init; } = "";
    public string Author { get; init; } = "";
    public string TagsJson { get; init; } = "[]";
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public int Revision { get; init; }
    public long? CreatedBy { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }

    public IReadOnlyList<string> Tags => JsonSerializer.Deserialize<List<string>>(TagsJson) ?? [];
}

public sealed class EditorQueries(IDatabase database)
{
    private const string RevisionsSql = """
        SELECT r.revision AS Revision, u.display_name AS SavedBy, r.saved_at AS SavedAt, r.content AS Content
        FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.article_id = @Id
        ORDER BY r.revision DESC
        """;

    /// <summary>Every saved revision of an article, newest first, with what was saved.</summary>
    public async Task<IReadOnlyList<RevisionRow>> RevisionsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(RevisionsSql, new { Id = id }, cancellationToken: cancellationToken))).AsList();
    }

    private const string RevisionSql = """
        SELECT r.revision AS Revision, u.display_name AS SavedBy, r.saved_at AS SavedAt, r.content AS Content
        FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.article_id = @Id AND r.revision = @Revision
        """;

    /// <summary>One saved revision of an article; null when there is no such revision.</summary>
    public async Task<RevisionRow?> RevisionAsync(long id, int revision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(RevisionSql, new { Id = id, Revision = revision }, cancellationToken: cancellationToken));
    }

    private const string ArticleColumns = """
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.body_markdown AS BodyMarkdown,
               s.name AS Section, au.name AS Author, a.status AS Status, a.published_at AS PublishedAt, a.updated_at AS UpdatedAt,
               a.revision AS Revision, a.created_by AS CreatedBy, a.deleted_at AS DeletedAt,
               a.image_url AS ImageUrl, a.image_alt AS ImageAlt, a.image_caption AS ImageCaption, a.image_credit AS ImageCredit,
               a.image_width AS ImageWidth, a.image_height AS ImageHeight
        """;

    private const string ArticleFrom = """
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.id = @Id
        """;

    // The tags as a JSON array of names. SQLite reads them in the order of article_tags' primary key, that is
    // by tag id; PostgreSQL is told that order, and its json_agg of no rows is NULL where SQLite gives [].
    private static readonly EngineSql ArticleSql = new(
        Sqlite: $"""
            SELECT {ArticleColumns},
                   (SELECT json_group_array(tg.name) FROM article_tags t JOIN tags tg ON tg.id = t.tag_id WHERE t.article_id = a.id) AS TagsJson
            {ArticleFrom}
            """,
        Postgres: $"""
            SELECT {ArticleColumns},
                   (SELECT COALESCE(json_agg(tg.name ORDER BY t.tag_id), '[]') FROM article_tags t JOIN tags tg ON tg.id = t.tag_id WHERE t.article_id = a.id) AS TagsJson
            {ArticleFrom}
            """);

    public async Task<EditableArticleRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<EditableArticleRow>(new CommandDefinition(database.Text(ArticleSql), new { Id = id }, cancellationToken: cancellationToken));
    }
}
