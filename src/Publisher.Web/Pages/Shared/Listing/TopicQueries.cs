using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>A section or a tag, as its page heads it.</summary>
public sealed class TopicRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>A section as the site header links to it.</summary>
public sealed class SectionLinkRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>Finds sections and tags by slug; one that has no published article yet does not exist for readers.</summary>
public sealed class TopicQueries(IReadSessions reads)
{
    private const string SectionSql = $"""
        SELECT s.id AS Id, s.slug AS Slug, s.name AS Name
        FROM sections s
        WHERE s.slug = @Slug
          AND EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND {Published.Filter})
        """;

    public Task<TopicRow?> FindSectionAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken) =>
        FindAsync(SectionSql, slug, now, cancellationToken);

    private const string TagSql = $"""
        SELECT tg.id AS Id, tg.slug AS Slug, tg.name AS Name
        FROM tags tg
        WHERE tg.slug = @Slug
          AND EXISTS (SELECT 1 FROM article_tags t JOIN articles a ON a.id = t.article_id
                      WHERE t.tag_id = tg.id AND t.published_at <= @Now AND {Published.Filter})
        """;

    public Task<TopicRow?> FindTagAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken) =>
        FindAsync(TagSql, slug, now, cancellationToken);

    private Task<TopicRow?> FindAsync(string sql, string slug, DateTimeOffset now, CancellationToken cancellationToken) =>
        reads.QueryFirstOrDefaultAsync<TopicRow>(sql, [new("Slug", slug), new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);

    private const string ListedSectionsSql = $"""
        SELECT s.slug AS Slug, s.name AS Name
        FROM sections s
        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND {Published.Filter})
        """;

    /// <summary>The sections with at least one published article, in no particular order: the site header's.</summary>
    public async Task<IReadOnlyList<SectionLinkRow>> ListedSectionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await reads.QueryAsync<SectionLinkRow>(ListedSectionsSql, [new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);
}
