using System.Text.Json;
using Publisher.Core.Text;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>The article's history: each editor's save is one numbered revision holding the fields as stored.</summary>
public static class Revisions
{
    private const string RecordSql = """
        INSERT INTO article_revisions (article_id, revision, saved_by, saved_at, content)
        VALUES (@Id, @Revision, @UserId, @SavedAt, @Content)
        """;

    /// <summary>Records revision <paramref name="revision"/> in the caller's transaction.</summary>
    public static Task<int> RecordAsync(WriteTransaction transaction, long articleId, int revision, long userId, DateTimeOffset now, ArticleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(input);
        return transaction.ExecuteAsync(RecordSql, new
        {
            Id = articleId,
            Revision = revision,
            UserId = userId,
            SavedAt = DateTimeOffsetHandler.ToText(now),
            // As stored, typography included, so that comparing two revisions shows only what people changed.
            Content = JsonSerializer.Serialize(input with
            {
                Title = FrenchTypography.Apply(input.Title),
                Standfirst = FrenchTypography.Apply(input.Standfirst),
                ImageCaption = input.ImageCaption is null ? null : FrenchTypography.Apply(input.ImageCaption),
            }),
        }, cancellationToken);
    }

    private const string AtSql = """
        SELECT r.revision AS Revision, u.display_name AS SavedBy, r.saved_at AS SavedAt, r.content AS Content
        FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.article_id = @Id AND r.revision = @Revision
        """;

    /// <summary>Revision <paramref name="revision"/>, read in the caller's transaction; null when it was never recorded (an imported article).</summary>
    public static Task<RevisionRow?> AtAsync(WriteTransaction transaction, long articleId, int revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.SingleOrDefaultAsync<RevisionRow>(AtSql, new { Id = articleId, Revision = revision }, cancellationToken);
    }

    /// <summary>The fields that differ between two stored revisions, by the names the editor gives them, in the form's order.</summary>
    public static IReadOnlyList<string> ChangedFields(ArticleInput from, ArticleInput to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new List<(string Field, bool Differs)>
        {
            ("titre", from.Title != to.Title),
            ("adresse", from.Slug != to.Slug),
            ("chapô", from.Standfirst != to.Standfirst),
            ("rubrique", from.Section != to.Section),
            ("auteur", from.Author != to.Author),
            ("tags", !from.Tags.SequenceEqual(to.Tags)),
            ("texte", from.BodyMarkdown != to.BodyMarkdown),
            ("image", from.Image?.Url != to.Image?.Url || from.ImageAlt != to.ImageAlt || from.ImageCaption != to.ImageCaption || from.ImageCredit != to.ImageCredit),
            ("statut", from.Status != to.Status),
            ("date de publication", from.PublishedAt != to.PublishedAt),
        }.Where(field => field.Differs).Select(field => field.Field).ToList();
    }

    private const string LastSql = """
        SELECT r.revision AS Revision, u.display_name AS SavedBy, r.saved_at AS SavedAt, r.content AS Content
        FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.article_id = @Id ORDER BY r.revision DESC LIMIT 1
        """;

    /// <summary>The latest revision, read in the caller's transaction; null for an article never saved from the editor.</summary>
    public static Task<RevisionRow?> LastAsync(WriteTransaction transaction, long articleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.SingleOrDefaultAsync<RevisionRow>(LastSql, new { Id = articleId }, cancellationToken);
    }
}

/// <summary>One saved revision: who saved it, when, and the fields as they were stored.</summary>
public sealed class RevisionRow
{
    public int Revision { get; init; }
    public string? SavedBy { get; init; }
    public DateTimeOffset SavedAt { get; init; }
    public string Content { get; init; } = "";

    public ArticleInput Article => JsonSerializer.Deserialize<ArticleInput>(Content)!;
}
