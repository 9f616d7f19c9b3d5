namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>An article as lists show it: home page, sections, tags, « Les derniers articles ».</summary>
public sealed class ArticleSummaryRow
{
    public const string Columns = """
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.published_at AS PublishedAt,
        s.slug AS SectionSlug, s.name AS SectionName,
        a.image_url AS ImageUrl, a.image_alt AS ImageAlt, a.image_width AS ImageWidth, a.image_height AS ImageHeight
        """;

    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public string SectionSlug { get; init; } = "";
    public string SectionName { get; init; } = "";
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
}

/// <summary>One page of a list, newest first, and whether older articles follow.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleSummaryRow> Articles, int PageNumber, bool HasOlder)
{
    public const int Size = 10;

    public bool HasNewer => PageNumber > 1;

    /// <summary>Builds the page from up to <see cref="Size"/> + 1 rows: the extra one only says that there is more.</summary>
    public static ArticlePage From(IReadOnlyList<ArticleSummaryRow> rows, int pageNumber) =>
        new(rows.Take(Size).ToList(), pageNumber, rows.Count > Size);

    /// <summary>How many rows come before the page's first.</summary>
    public static long Offset(int pageNumber) => (pageNumber - 1L) * Size;
}
