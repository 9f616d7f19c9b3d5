using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Syndication;

/// <summary>An address for a sitemap, with when its content last changed (UTC ISO-8601 text, as stored).</summary>
public sealed class SitemapEntryRow
{
    public string Slug { get; init; } = "";
    public string LastModified { get; init; } = "";
}

public sealed class SitemapMonthRow
{
    public string Month { get; init; } = "";
    public string LastModified { get; init; } = "";
}

public sealed class NewsEntryRow
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
}

public sealed class FeedItemRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string SectionName { get; init; } = "";
    public string AuthorName { get; init; } = "";
}

/// <summary>What sitemaps and feeds list: only what readers may see, at the time asked.</summary>
public sealed class SyndicationQueries(IReadSessions reads)
{
    // The later of the two: CASE rather than SQLite's scalar MAX(a, b), which PostgreSQL lacks.
    private const string LastChange = "CASE WHEN a.updated_at > a.published_at THEN a.updated_at ELSE a.published_at END";

    // Articles of the same instant are listed in id order, so that both engines list them alike.
    private const string ArticlesSql = $"""
        SELECT a.slug AS Slug, {LastChange} AS LastModified
        FROM articles a
        WHERE {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        """;

    public Task<IReadOnlyList<SitemapEntryRow>> ArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<SitemapEntryRow>(ArticlesSql, [new("Now", Text(now))], cancellationToken);

    private const string ArticlesInMonthSql = $"""
        SELECT a.slug AS Slug, {LastChange} AS LastModified
        FROM articles a
        WHERE {Published.Filter} AND a.published_at >= @From AND a.published_at < @To
        ORDER BY a.published_at DESC, a.id DESC
        """;

    public Task<IReadOnlyList<SitemapEntryRow>> ArticlesInMonthAsync(int year, int month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return ListAsync<SitemapEntryRow>(ArticlesInMonthSql, [new("Now", Text(now)), new("From", Text(from)), new("To", Text(from.AddMonths(1)))], cancellationToken);
    }

    private const string CountSql = $"SELECT COUNT(*) FROM articles a WHERE {Published.Filter}";

    public Task<long> CountArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        reads.QueryFirstOrDefaultAsync<long>(CountSql, [new("Now", Text(now))], cancellationToken);

    // Months are UTC months, so each article is in exactly one file whatever the time zone.
    private const string MonthsSql = $"""
        SELECT substr(a.published_at, 1, 7) AS Month, MAX({LastChange}) AS LastModified
        FROM articles a
        WHERE {Published.Filter}
        GROUP BY Month
        ORDER BY Month DESC
        """;

    public Task<IReadOnlyList<SitemapMonthRow>> MonthsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<SitemapMonthRow>(MonthsSql, [new("Now", Text(now))], cancellationToken);

    private const string SectionsSql = $"""
        SELECT s.slug AS Slug, MAX({LastChange}) AS LastModified
        FROM sections s
        JOIN articles a ON a.section_id = s.id
        WHERE {Published.Filter}
        GROUP BY s.id
        ORDER BY s.slug
        """;

    public Task<IReadOnlyList<SitemapEntryRow>> SectionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<SitemapEntryRow>(SectionsSql, [new("Now", Text(now))], cancellationToken);

    private const string TagsSql = $"""
        SELECT tg.slug AS Slug, MAX({LastChange}) AS LastModified
        FROM tags tg
        JOIN article_tags t ON t.tag_id = tg.id
        JOIN articles a ON a.id = t.article_id
        WHERE t.published_at <= @Now AND {Published.Filter}
        GROUP BY tg.id
        ORDER BY tg.slug
        """;

    public Task<IReadOnlyList<SitemapEntryRow>> TagsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<SitemapEntryRow>(TagsSql, [new("Now", Text(now))], cancellationToken);

    private const string NewsSql = $"""
        SELECT a.slug AS Slug, a.title AS Title, a.published_at AS PublishedAt
        FROM articles a
        WHERE {Published.Filter} AND a.published_at > @Since
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT 1000
        """;

    /// <summary>Articles published since <paramref name="since"/>, for the news sitemap (which takes at most 1,000).</summary>
    public Task<IReadOnlyList<NewsEntryRow>> PublishedSinceAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<NewsEntryRow>(NewsSql, [new("Now", Text(now)), new("Since", Text(since))], cancellationToken);

    private const string FeedColumns = """
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.body_html AS BodyHtml,
        a.image_url AS ImageUrl, a.image_alt AS ImageAlt, a.image_caption AS ImageCaption, a.image_credit AS ImageCredit,
        a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, s.name AS SectionName, au.name AS AuthorName
        """;

    private static readonly string FeedSql = $"""
        SELECT {FeedColumns}
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT {Feeds.Size}
        """;

    public Task<IReadOnlyList<FeedItemRow>> FeedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<FeedItemRow>(FeedSql, [new("Now", Text(now))], cancellationToken);

    private static readonly string SectionFeedSql = $"""
        SELECT {FeedColumns}
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.section_id = @SectionId AND {Published.Filter}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT {Feeds.Size}
        """;

    public Task<IReadOnlyList<FeedItemRow>> SectionFeedAsync(long sectionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<FeedItemRow>(SectionFeedSql, [new("Now", Text(now)), new("SectionId", sectionId)], cancellationToken);

    private static readonly string TagFeedSql = $"""
        SELECT {FeedColumns}
        FROM article_tags t
        JOIN articles a ON a.id = t.article_id
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE t.tag_id = @TagId AND t.published_at <= @Now AND {Published.Filter}
        ORDER BY t.published_at DESC, t.article_id DESC
        LIMIT {Feeds.Size}
        """;

    public Task<IReadOnlyList<FeedItemRow>> TagFeedAsync(long tagId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<FeedItemRow>(TagFeedSql, [new("Now", Text(now)), new("TagId", tagId)], cancellationToken);

    private static string Text(DateTimeOffset instant) => DateTimeOffsetHandler.ToText(instant);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, SqlArgument[] arguments, CancellationToken cancellationToken) =>
        await reads.QueryAsync<T>(sql, arguments, cancellationToken);
}
