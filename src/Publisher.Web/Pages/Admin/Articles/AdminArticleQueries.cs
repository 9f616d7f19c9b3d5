using Dapper;
using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

public sealed class AdminArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>When someone last wrote the article (saved, restored, imported): « Modifié » in the list.</summary>
    public DateTimeOffset EditedAt { get; init; }
    public string SectionName { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Brouillon, Programmé, Publié or Supprimé, as the newsroom sees it at <paramref name="now"/>.</summary>
    public string StatusLabel(DateTimeOffset now) => Label(Status, PublishedAt, DeletedAt, now);

    /// <summary>An article's status as the newsroom sees it at <paramref name="now"/>: a scheduled article whose time has come is published.</summary>
    public static string Label(string status, DateTimeOffset? publishedAt, DateTimeOffset? deletedAt, DateTimeOffset now) =>
        deletedAt is not null ? "Supprimé" : status == "draft" ? "Brouillon" : publishedAt > now ? "Programmé" : "Publié";
}

// Reader: who reads the list, as AdminArticleQueries.ReaderOf gives it.
public sealed record AdminArticleFilter(string? Status, string? Section, string? Title, int PageNumber, long? Reader = null);

public sealed record AdminArticlePage(IReadOnlyList<AdminArticleRow> Articles, int PageNumber, bool HasMore);

public sealed class MediaRow
{
    public string Url { get; init; } = "";
    public string? Alt { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public long ArticleId { get; init; }
    public string ArticleTitle { get; init; } = "";
    public string ArticleStatus { get; init; } = "";
    public DateTimeOffset? ArticlePublishedAt { get; init; }
    public DateTimeOffset? ArticleDeletedAt { get; init; }

    /// <summary>The status of the article named beside the picture, as the article list shows it.</summary>
    public string StatusLabel(DateTimeOffset now) => AdminArticleRow.Label(ArticleStatus, ArticlePublishedAt, ArticleDeletedAt, now);
}

public sealed class SectionOptionRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>The newsroom's list of every article, drafts included, and the pictures they use.</summary>
public sealed class AdminArticleQueries(IDatabase database)
{
    public const int PageSize = 20;

    /// <summary>
    /// What the admin shows of an article aliased <c>a</c> to <c>@Reader</c>: everything to editors (a null
    /// reader); to an author, their own articles and what readers see, not a colleague's draft, scheduled or
    /// deleted title, its pictures or their words.
    /// </summary>
    private const string ShownToReader = $"(@Reader IS NULL OR a.created_by = @Reader OR ({Published.Filter}))";

    /// <summary>The reader to pass to the queries below: null for who sees every article (editors), the account's id for an author.</summary>
    public static long? ReaderOf(long userId, bool seesEverything) => seesEverything ? null : userId;

    // Status filters name what editors see: a scheduled article whose time has come is published; deleted
    // articles are listed only in their own filter, the bin.
    // The title filter ignores case: SQLite's LIKE does so for ASCII letters only, PostgreSQL's LIKE never, so
    // there it is ILIKE, which also folds accented capitals (« école » finds « École », on SQLite only « École »).
    private static readonly EngineSql ListSql = new(Sqlite: List("LIKE"), Postgres: List("ILIKE"));

    private static string List(string like) => $"""
        SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.status AS Status, a.published_at AS PublishedAt,
               a.edited_at AS EditedAt, s.name AS SectionName, au.name AS AuthorName, a.deleted_at AS DeletedAt
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE ((COALESCE(@Status, '') = 'deleted') = (a.deleted_at IS NOT NULL))
          AND (@Status IS NULL OR @Status = 'deleted'
               OR (@Status = 'draft' AND a.status = 'draft')
               OR (@Status = 'scheduled' AND a.status <> 'draft' AND a.published_at > @Now)
               OR (@Status = 'published' AND a.status <> 'draft' AND a.published_at <= @Now))
          AND {ShownToReader}
          AND (@Section IS NULL OR s.slug = @Section)
          AND (@Title IS NULL OR a.title {like} '%' || @Title || '%' ESCAPE '\')
        ORDER BY a.edited_at DESC, a.id DESC
        LIMIT @Limit OFFSET @Offset
        """;

    public async Task<AdminArticlePage> ListAsync(AdminArticleFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AdminArticleRow>(new CommandDefinition(database.Text(ListSql), new
        {
            filter.Status,
            filter.Section,
            filter.Reader,
            Title = string.IsNullOrWhiteSpace(filter.Title) ? null : EscapeLike(filter.Title.Trim()),
            Now = DateTimeOffsetHandler.ToText(now),
            Limit = PageSize + 1,
            Offset = (filter.PageNumber - 1L) * PageSize,
        }, cancellationToken: cancellationToken))).AsList();
        return new AdminArticlePage(rows.Take(PageSize).ToList(), filter.PageNumber, rows.Count > PageSize);
    }

    // The library's pictures, each once with its own words, newest use first, beside the newest article using
    // it that the reader may see; a picture no such article uses is not listed.
    private const string MediaSql = $"""
        SELECT p.url AS Url, p.alt AS Alt, p.caption AS Caption, p.credit AS Credit,
               used.id AS ArticleId, used.title AS ArticleTitle, used.status AS ArticleStatus,
               used.published_at AS ArticlePublishedAt, used.deleted_at AS ArticleDeletedAt
        FROM pictures p
        JOIN articles used ON used.id = (SELECT a.id FROM article_pictures ap JOIN articles a ON a.id = ap.article_id
                                         WHERE ap.picture_id = p.id AND {ShownToReader}
                                         ORDER BY a.updated_at DESC, a.id DESC LIMIT 1)
        WHERE (@Url IS NULL OR p.url = @Url)
        ORDER BY used.updated_at DESC, p.id DESC
        LIMIT 500
        """;

    // The reader: who looks, as ReaderOf gives it.
    public async Task<IReadOnlyList<MediaRow>> MediaAsync(long? reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MediaRow>(new CommandDefinition(MediaSql, new { Reader = reader, Now = DateTimeOffsetHandler.ToText(now), Url = (string?)null }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>One picture of the library with its words, if the reader may see an article using it.</summary>
    public async Task<MediaRow?> PictureAsync(long? reader, string url, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<MediaRow>(new CommandDefinition(MediaSql, new { Reader = reader, Now = DateTimeOffsetHandler.ToText(now), Url = url }, cancellationToken: cancellationToken));
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
