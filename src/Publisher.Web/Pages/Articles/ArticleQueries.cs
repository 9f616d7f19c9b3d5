using System.Text.Json;
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

public sealed class ArticleQueries(ReadSessions reads)
{
    private static readonly JsonSerializerOptions TagJson = new(JsonSerializerDefaults.Web);

    // One query for the whole page: the tags come along as a JSON array rather than as a second round trip.
    private const string PublishedBySlugSql = $"""
        SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.body_html AS BodyHtml,
               a.reading_minutes AS ReadingMinutes,
               a.image_url AS ImageUrl, a.image_alt AS ImageAlt, a.image_caption AS ImageCaption,
               a.image_credit AS ImageCredit, a.image_width AS ImageWidth, a.image_height AS ImageHeight,
               a.published_at AS PublishedAt, a.updated_at AS UpdatedAt,
               a.section_id AS SectionId, s.slug AS SectionSlug, s.name AS SectionName, au.name AS AuthorName, au.slug AS AuthorSlug,
               (SELECT json_group_array(json_object('slug', t.slug, 'name', t.name))
                FROM (SELECT tg.slug, tg.name FROM article_tags at JOIN tags tg ON tg.id = at.tag_id
                      WHERE at.article_id = a.id ORDER BY tg.name) t) AS TagsJson,
               (SELECT json_group_array(json_object('kind', c.kind, 'reason', c.reason, 'createdAt', c.created_at))
                FROM (SELECT kind, reason, created_at FROM article_corrections
                      WHERE article_id = a.id ORDER BY created_at) c) AS CorrectionsJson
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.slug = @Slug AND {Published.Filter}
        """;

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
    // nearest in time on either side of it (a tag on half of 100,000 articles costs no more than a rare
    // one), plus the latest of its section. Those sharing the most tags come first, then the same section.
    internal static readonly string RelatedSql = $"""
        WITH mine AS (SELECT tag_id FROM article_tags WHERE article_id = @Id),
        near AS (
            SELECT t.article_id AS id
            FROM mine m JOIN article_tags t ON t.tag_id = m.tag_id
            WHERE t.article_id IN (
                SELECT x.article_id FROM article_tags x
                WHERE x.tag_id = m.tag_id AND x.published_at <= @PublishedAt AND x.article_id <> @Id
                ORDER BY x.published_at DESC LIMIT {CandidatesPerTag})
            UNION ALL
            SELECT t.article_id
            FROM mine m JOIN article_tags t ON t.tag_id = m.tag_id
            WHERE t.article_id IN (
                SELECT x.article_id FROM article_tags x
                WHERE x.tag_id = m.tag_id AND x.published_at > @PublishedAt AND x.published_at <= @Now
                ORDER BY x.published_at LIMIT {CandidatesPerTag})
        ),
        candidates AS (
            SELECT id, COUNT(*) AS tags FROM near GROUP BY id
            UNION ALL
            SELECT id, 0 FROM (SELECT a.id FROM articles a
                               WHERE a.section_id = @SectionId AND a.id <> @Id AND {Published.Filter}
                               ORDER BY a.published_at DESC LIMIT 8)
        )
        SELECT {ArticleSummaryRow.Columns}
        FROM candidates c
        JOIN articles a ON a.id = c.id
        JOIN sections s ON s.id = a.section_id
        WHERE a.id <> @Id AND {Published.Filter}
        GROUP BY a.id
        ORDER BY MAX(c.tags) DESC, a.section_id = @SectionId DESC, a.published_at DESC, a.id DESC
        LIMIT {RelatedCount}
        """;

    /// <summary>How many articles on either side of an article's date each of its tags offers as candidates.</summary>
    private const int CandidatesPerTag = 30;

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
        if (row is null)
        {
            return null;
        }
        var tags = JsonSerializer.Deserialize<List<TagLink>>(row.TagsJson, TagJson) ?? [];
        var corrections = JsonSerializer.Deserialize<List<CorrectionView>>(row.CorrectionsJson, TagJson) ?? [];
        return ArticleView.From(row, tags, corrections);
    }
}
