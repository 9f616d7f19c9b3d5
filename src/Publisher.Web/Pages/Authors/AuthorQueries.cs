using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Authors;

/// <summary>An author, as their page heads it.</summary>
public sealed class AuthorRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Bio { get; init; }
}

public sealed class AuthorQueries(IReadSessions reads)
{
    // An author with no published article yet has no page.
    private const string AuthorSql = $"""
        SELECT au.id AS Id, au.slug AS Slug, au.name AS Name, au.bio AS Bio
        FROM authors au
        WHERE au.slug = @Slug
          AND EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND {Published.Filter})
        """;

    public Task<AuthorRow?> FindAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken) =>
        reads.QueryFirstOrDefaultAsync<AuthorRow>(AuthorSql, [new("Slug", slug), new("Now", DateTimeOffsetHandler.ToText(now))], cancellationToken);
}
