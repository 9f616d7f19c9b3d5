using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

public sealed class AdminArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string SectionName { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Brouillon, Programmé, Publié or Supprimé, as the newsroom sees it at <paramref name="now"/>.</summary>
    public string StatusLabel(DateTimeOffset now) =>
        DeletedAt is not null ? "Supprimé" : Status == "draft" ? "Brouillon" : PublishedAt > now ? "Programmé" : "Publié";
}

// OnlyDraftsOf: for an author, their own drafts are listed, and only published articles besides.
public sealed record AdminArticleFilter(string? Status, string? Section, string? Title, int PageNumber, long? OnlyDraftsOf = null);

public sealed record AdminArticlePage(IReadOnlyList<AdminArticleRow> Articles, int PageNumber, bool HasMore);

public sealed class MediaRow
{
    public string Url { get; init; } = "";
    public string? Alt { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public long ArticleId { get; init; }
    public string ArticleTitle { get; init; } = "";
}

public sealed class SectionOptionRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>The newsroom's list of every article, drafts included.</summary>
public sealed class AdminArticleQueries(IDatabase database)
{
    public const int PageSize = 20;

    // Status filters name what editors see: a scheduled article whose time has come is published; deleted
    // articles are listed only in their own filter, the bin.
    private const string ListSql = """
        SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.status AS Status, a.published_at AS PublishedAt,
               a.updated_at AS UpdatedAt, s.name AS SectionName, au.name AS AuthorName, a.deleted_at AS DeletedAt
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE ((COALESCE(@Status, '') = 'deleted') = (a.deleted_at IS NOT NULL))
          AND (@Status IS NULL OR @Status = 'deleted'
               OR (@Status = 'draft' AND a.status = 'draft')
               OR (@Status = 'scheduled' AND a.status <> 'draft' AND a.published_at > @Now)
               OR (@Status = 'published' AND a.status <> 'draft' AND a.published_at <= @Now))
          AND (@OnlyDraftsOf IS NULL OR a.status <> 'draft' OR a.created_by = @OnlyDraftsOf)
          AND (@Section IS NULL OR s.slug = @Section)
          AND (@Title IS NULL OR a.title LIKE '%' || @Title || '%' ESCAPE '\')
        ORDER BY a.updated_at DESC, a.id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public async Task<AdminArticlePage> ListAsync(AdminArticleFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AdminArticleRow>(new CommandDefinition(ListSql, new
        {
            filter.Status,
            filter.Section,
            filter.OnlyDraftsOf,
            Title = string.IsNullOrWhiteSpace(filter.Title) ? null : EscapeLike(filter.Title.Trim()),
            Now = DateTimeOffsetHandler.ToText(now),
            Limit = PageSize + 1,
            Offset = (filter.PageNumber - 1L) * PageSize,
        }, cancellationToken: cancellationToken))).AsList();
        return new AdminArticlePage(rows.Take(PageSize).ToList(), filter.PageNumber, rows.Count > PageSize);
    }

    // The pictures articles use, each once, newest use first, with the words that went with it.
    private const string MediaSql = """
        SELECT a.image_url AS Url, a.image_alt AS Alt, a.image_caption AS Caption, a.image_credit AS Credit,
               a.id AS ArticleId, a.title AS ArticleTitle
        FROM articles a
        WHERE a.image_url IS NOT NULL
          AND a.id = (SELECT b.id FROM articles b WHERE b.image_url = a.image_url ORDER BY b.updated_at DESC, b.id DESC LIMIT 1)
        ORDER BY a.updated_at DESC
        LIMIT 500
        """;

    public async Task<IReadOnlyList<MediaRow>> MediaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MediaRow>(new CommandDefinition(MediaSql, cancellationToken: cancellationToken))).AsList();
    }

    private const string SectionsSql = "SELECT slug AS Slug, name AS Name FROM sections ORDER BY name";

    public async Task<IReadOnlyList<SectionOptionRow>> SectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SectionOptionRow>(new CommandDefinition(SectionsSql, cancellationToken: cancellationToken))).AsList();
    }

    // A title search is a substring, never a pattern: % and _ typed by an editor match themselves.
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
