using Publisher.Web.Data;

namespace Publisher.Web.Pages.Articles;

public sealed class BodyPictureRow
{
    public string Url { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
}

/// <summary>The images of an article's text that the library holds, as its last save recorded them, for its structured data.</summary>
public sealed class BodyPictureQueries(IReadSessions reads)
{
    private const string BodyPicturesSql = """
        SELECT p.url AS Url, p.width AS Width, p.height AS Height, ap.caption AS Caption, ap.credit AS Credit
        FROM article_pictures ap JOIN pictures p ON p.id = ap.picture_id
        WHERE ap.article_id = @Id AND ap.position > 0 AND p.width IS NOT NULL AND p.height IS NOT NULL
        ORDER BY ap.position
        """;

    public async Task<IReadOnlyList<BodyPictureRow>> ListAsync(long articleId, CancellationToken cancellationToken) =>
        await reads.QueryAsync<BodyPictureRow>(BodyPicturesSql, [new("Id", articleId)], cancellationToken);
}
