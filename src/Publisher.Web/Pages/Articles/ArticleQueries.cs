using System.Text.Json;
using Publisher.Core.Content;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Articles;

public sealed class ArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public int ReadingMinutes { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string SectionSlug { get; init; } = "";
    public string SectionName { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public string AuthorSlug { get; init; } = "";
    public long SectionId { get; init; }
    public string TagsJson { get; init; } = "[]";
    public string CorrectionsJson { get; init; } = "[]";
}

public sealed record TagLink(string Slug, string Name);

public sealed record CorrectionView(string Kind, string Reason, DateTimeOffset CreatedAt)
{
    public string Label => Kind == "rectificatif" ? "Rectificatif" : "Mise à jour";
}

/// <summary>What became of an address that leads to no article: renamed (to a published article) or deleted.</summary>
public sealed class FormerAddressRow
{
    public string? MovedTo { get; init; }
    public bool Deleted { get; init; }
}

public sealed class ArticleQueries(IReadSessions reads)
{
    private static readonly JsonSerializerOptions TagJson = new(JsonSerializerDefaults.Web);

    private static string ArticleColumns(string publishedAt) => $"""
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.body_html AS BodyHtml,
               a.reading_minutes AS ReadingMinutes,
               a.image_url AS ImageUrl, a.image_alt AS ImageAlt, a.image_caption AS ImageCaption,
               a.image_credit AS ImageCredit, a.image_width AS ImageWidth, a.image_height AS ImageHeight,
               {publishedAt} AS PublishedAt, a.updated_at AS UpdatedAt,
               a.section_id AS SectionId, s.slug AS SectionSlug, s.name AS SectionName, au.name AS AuthorName, au.slug AS AuthorSlug
        """;

    private const string PublishedBySlug = $"""
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.slug = @Slug AND {Published.Filter}
        """;

    // One query for the whole page: the tags and corrections come along as JSON arrays rather than as more
    // round trips. PostgreSQL's json_agg of no rows is NULL where SQLite's json_group_array gives [], and it
    // takes its order in the call; corrections of the same instant come in id order, as SQLite reads them.
    private static readonly EngineSql PublishedBySlugSql = WithTopics(ArticleColumns("a.published_at"), PublishedBySlug);

    // A preview link's article, whatever its status; a draft without a date shows the time of the preview, as
    // publishing it now would.
    private static readonly EngineSql PreviewByIdSql = WithTopics(ArticleColumns("COALESCE(a.published_at, @Now)"), """
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.id = @Id AND a.deleted_at IS NULL
        """);

    private static EngineSql WithTopics(string columns, string from) => new(
        Sqlite: $"""
            SELECT {columns},
                   (SELECT json_group_array(json_object('slug', t.slug, 'name', t.name))
                    FROM (SELECT tg.slug, tg.name FROM article_tags at JOIN tags tg ON tg.id = at.tag_id
                          WHERE at.article_id = a.id ORDER BY tg.name) t) AS TagsJson,
                   (SELECT json_group_array(json_object('kind', c.kind, 'reason', c.reason, 'createdAt', c.created_at))
                    FROM (SELECT kind, reason, created_at FROM article_corrections
                          WHERE article_id = a.id ORDER BY created_at) c) AS CorrectionsJson
            {from}
            """,
        Postgres: $"""
            SELECT {columns},
                   (SELECT COALESCE(json_agg(json_build_object('slug', tg.slug, 'name', tg.name) ORDER BY tg.name), '[]')
                    FROM article_tags at JOIN tags tg ON tg.id = at.tag_id
                    WHERE at.article_id = a.id) AS TagsJson,
                   (SELECT COALESCE(json_agg(json_build_object('kind', c.kind, 'reason', c.reason, 'createdAt', c.created_at) ORDER BY c.created_at, c.id), '[]')
                    FROM article_corrections c
                    WHERE c.article_id = a.id) AS CorrectionsJson
            {from}
            """);

    private const string FormerAddressSql = $"""
        SELECT (SELECT a.slug FROM article_redirects r JOIN articles a ON a.id = r.article_id
                WHERE r.slug = @Slug AND {Published.Filter}) AS MovedTo,
               EXISTS (SELECT 1 FROM articles d WHERE d.slug = @Slug AND d.deleted_at IS NOT NULL)
               OR EXISTS (SELECT 1 FROM article_redirects r JOIN articles d ON d.id = r.article_id
                          WHERE r.slug = @Slug AND d.deleted_at IS NOT NULL) AS Deleted
        """;

    public async Task<FormerAddressRow> FindFormerAddressAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await reads.QueryFirstOrDefaultAsync<FormerAddressRow>(
            FormerAddressSql, [new("Slug", slug), new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);
        return row ?? new FormerAddressRow();
    }

    // Candidates are bounded whatever the archive's size: for each of the article's tags, the articles
    // nearest in time on either side of it, read as an index range whose far end is the CandidatesPerTag-th
    // neighbour (a tag on half of 100,000 articles costs no more than a rare one), plus the latest of its
    // section. They are sorted on the partial index of live articles alone, and only the chosen few are read
    // from the table: those sharing the most tags come first, then the same section, then the newest.
    // INDEXED BY is SQLite's alone: PostgreSQL has no index hints, and its planner chooses by cost.
    internal static readonly EngineSql RelatedSql = new(
        Sqlite: Related(sectionLatest: "articles a INDEXED BY ix_articles_section_live", live: "articles a INDEXED BY ix_articles_live"),
        Postgres: Related(sectionLatest: "articles a", live: "articles a"));

    private static string Related(string sectionLatest, string live) => $"""
        WITH mine AS (SELECT tag_id FROM article_tags WHERE article_id = @Id),
        near AS (
            SELECT x.article_id AS id
            FROM mine m JOIN article_tags x ON x.tag_id = m.tag_id
            WHERE x.article_id <> @Id AND x.published_at <= @PublishedAt
              AND x.published_at >= COALESCE((SELECT y.published_at FROM article_tags y
                                              WHERE y.tag_id = m.tag_id AND y.published_at <= @PublishedAt
                                              ORDER BY y.published_at DESC LIMIT 1 OFFSET {CandidatesPerTag}), '')
            UNION ALL
            SELECT x.article_id
            FROM mine m JOIN article_tags x ON x.tag_id = m.tag_id
            WHERE x.published_at > @PublishedAt AND x.published_at <= @Now
              AND x.published_at <= COALESCE((SELECT y.published_at FROM article_tags y
                                              WHERE y.tag_id = m.tag_id AND y.published_at > @PublishedAt
                                              ORDER BY y.published_at LIMIT 1 OFFSET {CandidatesPerTag - 1}), @Now)
        ),
        candidates AS (
            SELECT id, COUNT(*) AS tags FROM near GROUP BY id
            UNION ALL
            SELECT id, 0 FROM (SELECT a.id FROM {sectionLatest}
                               WHERE a.section_id = @SectionId AND a.id <> @Id AND {Published.Filter}
                               ORDER BY a.published_at DESC, a.id DESC LIMIT 8) AS section_latest
        ),
        chosen AS (
            SELECT a.id, MAX(c.tags) AS tags, a.section_id = @SectionId AS same_section, a.published_at
            FROM candidates c
            JOIN {live} ON a.id = c.id
            WHERE a.id <> @Id AND {Published.Filter}
            GROUP BY a.id
            ORDER BY tags DESC, same_section DESC, a.published_at DESC, a.id DESC
            LIMIT {RelatedCount}
        )
        SELECT {ArticleSummaryRow.Columns}
        FROM chosen ch
        JOIN articles a ON a.id = ch.id
        JOIN sections s ON s.id = a.section_id
        ORDER BY ch.tags DESC, ch.same_section DESC, ch.published_at DESC, a.id DESC
        """;

    /// <summary>
    /// How many articles on either side of an article's date each of its tags offers as candidates. The query
    /// costs in proportion: at 10, « À lire aussi » takes about 20 µs at 100 articles and 50 µs at 100,000.
    /// </summary>
    private const int CandidatesPerTag = 10;

    /// <summary>How many articles « À lire aussi » offers.</summary>
    public const int RelatedCount = 4;

    /// <summary>« À lire aussi »: published articles close to this one, never itself.</summary>
    public async Task<IReadOnlyList<ArticleSummaryRow>> RelatedAsync(ArticleView article, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        return await reads.QueryAsync<ArticleSummaryRow>(RelatedSql,
            [
                new("Id", article.Id),
                new("SectionId", article.SectionId),
                new("PublishedAt", DateTimeOffsetHandler.ToText(article.PublishedAt)),
                new("Now", DateTimeOffsetHandler.ToText(now)),
            ], cancellationToken);
    }

    /// <summary>The article readers may see at this address, or null (a draft, a future one, or none).</summary>
    public async Task<ArticleView?> FindPublishedAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await reads.QueryFirstOrDefaultAsync<ArticleRow>(
            PublishedBySlugSql, [new("Slug", slug), new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);
        return row is null ? null : View(row);
    }

    /// <summary>The article as readers will see it once it is out, whatever its status now; null when it is deleted or gone.</summary>
    public async Task<ArticleView?> FindForPreviewAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await reads.QueryFirstOrDefaultAsync<ArticleRow>(
            PreviewByIdSql, [new("Id", id), new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);
        return row is null ? null : View(row);
    }

    private static ArticleView View(ArticleRow row)
    {
        var tags = JsonSerializer.Deserialize<List<TagLink>>(row.TagsJson, TagJson) ?? [];
        var corrections = JsonSerializer.Deserialize<List<CorrectionView>>(row.CorrectionsJson, TagJson) ?? [];
        return ArticleView.From(row, tags, corrections);
    }
}
