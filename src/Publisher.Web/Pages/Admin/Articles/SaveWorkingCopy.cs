using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// Keeps what an editor is typing as their working copy of the article: one per account and article (and one
/// for the account's new article), replaced by each autosave, so two tabs on one article simply leave the last
/// one's. Neither the article nor its revisions are touched. Copies nobody came back to for a month go with it.
/// </summary>
public sealed class SaveWorkingCopy(IDatabase database, TimeProvider clock)
{
    /// <summary>A field the form itself does not bound is kept to this many characters.</summary>
    public const int UnboundedFieldLength = 1000;

    // The form's own bounds, read from its checks, so that a copy never keeps more than a save would take.
    private static readonly (PropertyInfo Field, int Length, string Message)[] Bounds = [.. typeof(ArticleForm).GetProperties()
        .Where(property => property.PropertyType == typeof(string))
        .Select(property => property.GetCustomAttribute<StringLengthAttribute>() is { ErrorMessage: { } message } length
            ? (property, length.MaximumLength, message)
            : (property, UnboundedFieldLength, "Un champ dépasse 1\u202F000 caractères."))];

    /// <summary>Why the form is too large to keep, in French; null when it is not.</summary>
    public static string? Refusal(ArticleForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Bounds.FirstOrDefault(bound => (bound.Field.GetValue(form) as string)?.Length > bound.Length).Message;
    }

    private const string SaveSql = """
        DELETE FROM working_copies WHERE user_id = @UserId AND (article_id = @ArticleId OR (article_id IS NULL AND @ArticleId IS NULL));
        INSERT INTO working_copies (user_id, article_id, base_revision, title, slug, standfirst, section, author, tags, body, status,
                                    publish_at_paris, image_url, image_alt, image_caption, image_credit, correction_kind, correction_reason, saved_at)
        VALUES (@UserId, @ArticleId, @BaseRevision, @Title, @Slug, @Standfirst, @Section, @Author, @Tags, @Body, @Status,
                @PublishAtParis, @ImageUrl, @ImageAlt, @ImageCaption, @ImageCredit, @CorrectionKind, @CorrectionReason, @SavedAt);
        DELETE FROM working_copies WHERE saved_at < @ForgottenBefore;
        """;

    /// <summary>Keeps <paramref name="form"/> as the account's copy of the article (of its new article when <paramref name="articleId"/> is null); when it was kept.</summary>
    /// <exception cref="ArgumentException">The form is larger than <see cref="Refusal"/> allows.</exception>
    public async Task<DateTimeOffset> SaveAsync(long userId, long? articleId, ArticleForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refusal(form) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(form));
        }
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(SaveSql, new
        {
            UserId = userId,
            ArticleId = articleId,
            BaseRevision = form.Revision,
            Title = form.Title ?? "",
            Slug = form.Slug ?? "",
            Standfirst = form.Standfirst ?? "",
            Section = form.ChosenSection,
            Author = form.Author ?? "",
            Tags = form.Tags ?? "",
            Body = form.Body ?? "",
            Status = form.Status ?? "",
            PublishAtParis = form.PublishAt?.ToString(WorkingCopies.PublishAtFormat, CultureInfo.InvariantCulture),
            ImageUrl = string.IsNullOrEmpty(form.ImageUrl) ? null : form.ImageUrl,
            ImageAlt = form.ImageAlt ?? "",
            ImageCaption = form.ImageCaption ?? "",
            ImageCredit = form.ImageCredit ?? "",
            CorrectionKind = form.CorrectionKind ?? "",
            CorrectionReason = form.CorrectionReason ?? "",
            SavedAt = DateTimeOffsetHandler.ToText(now),
            ForgottenBefore = DateTimeOffsetHandler.ToText(now - WorkingCopies.KeptFor),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return now;
    }
}
