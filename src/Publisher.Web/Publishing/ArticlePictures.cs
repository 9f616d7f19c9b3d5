using Publisher.Core.Markdown;
using Publisher.Core.Text;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>
/// The image library's rows every write of an article touches: each picture it shows (its main image, then the
/// images of its text) once in <c>pictures</c>, with the best words known of it, and the article's uses of them.
/// A word left blank by this use keeps the one typed before: the words belong to the picture, not to its last use.
/// </summary>
public static class ArticlePictures
{
    /// <summary>One picture an article shows, with the words it gives it; position 0 is the main image.</summary>
    public sealed record Use(int Position, string Url, int? Width, int? Height, string? Alt, string? Caption, string? Credit);

    /// <summary>The pictures an article shows, in order: the main image at 0, then the images of its text that the library holds.</summary>
    public static IReadOnlyList<Use> Of(ArticleInput input, RenderedMarkdown rendered)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rendered);
        var uses = new List<Use>();
        if (input.Image is { } hero)
        {
            uses.Add(new Use(0, hero.Url, hero.Width, hero.Height, input.ImageAlt, input.ImageCaption, input.ImageCredit));
        }
        uses.AddRange(rendered.Images.Select((image, index) => new Use(index + 1, image.Url, image.Width, image.Height, image.Alt, image.Caption, image.Credit)));
        return uses;
    }

    // The newest words win, a blank one never: COALESCE keeps what was known.
    private const string UpsertSql = """
        INSERT INTO pictures (url, width, height, alt, caption, credit, uploaded_by, uploaded_at)
        VALUES (@Url, @Width, @Height, @Alt, @Caption, @Credit, @UserId, @Now)
        ON CONFLICT (url) DO UPDATE SET
            width = COALESCE(excluded.width, pictures.width),
            height = COALESCE(excluded.height, pictures.height),
            alt = COALESCE(excluded.alt, pictures.alt),
            caption = COALESCE(excluded.caption, pictures.caption),
            credit = COALESCE(excluded.credit, pictures.credit),
            uploaded_by = COALESCE(pictures.uploaded_by, excluded.uploaded_by)
        RETURNING id
        """;

    private const string ForgetUsesSql = "DELETE FROM article_pictures WHERE article_id = @ArticleId";

    private const string InsertUseSql = """
        INSERT INTO article_pictures (article_id, position, picture_id, caption, credit)
        VALUES (@ArticleId, @Position, @PictureId, @Caption, @Credit)
        """;

    // userId: who saves, credited with the upload of a picture new to the library; null for an import.
    /// <summary>Records the pictures of an article just written, in the caller's transaction.</summary>
    public static async Task WriteAsync(WriteTransaction transaction, long articleId, IReadOnlyList<Use> uses, long? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(uses);
        await transaction.ExecuteAsync(ForgetUsesSql, new { ArticleId = articleId }, cancellationToken);
        foreach (var use in uses)
        {
            var caption = Word(use.Caption) is { } typed ? FrenchTypography.Apply(typed) : null;
            var credit = Word(use.Credit);
            var pictureId = await transaction.ScalarAsync<long>(UpsertSql, new
            {
                use.Url,
                use.Width,
                use.Height,
                Alt = Word(use.Alt),
                Caption = caption,
                Credit = credit,
                UserId = userId,
                Now = DateTimeOffsetHandler.ToText(now),
            }, cancellationToken);
            await transaction.ExecuteAsync(InsertUseSql, new { ArticleId = articleId, use.Position, PictureId = pictureId, Caption = caption, Credit = credit }, cancellationToken);
        }
    }

    private static string? Word(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
