using System.Globalization;
using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>An account's working copy of an article, as autosaved; and what became of the article since the copy's base revision.</summary>
public sealed class WorkingCopyRow
{
    /// <summary>The article; null for the new article the account has not saved yet.</summary>
    public long? ArticleId { get; init; }
    public int BaseRevision { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public string Section { get; init; } = "";
    public string Author { get; init; } = "";
    public string Tags { get; init; } = "";
    public string Body { get; init; } = "";
    public string Status { get; init; } = "";
    public string? PublishAtParis { get; init; }
    public string? ImageUrl { get; init; }
    public string ImageAlt { get; init; } = "";
    public string ImageCaption { get; init; } = "";
    public string ImageCredit { get; init; } = "";
    public string CorrectionKind { get; init; } = "";
    public string CorrectionReason { get; init; } = "";
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>The article's revision now; null for a new article.</summary>
    public int? CurrentRevision { get; init; }

    /// <summary>Who saved the current revision, when it is newer than the copy's base (null if nobody, or an account since removed).</summary>
    public string? SavedSinceBy { get; init; }

    /// <summary>Whether that save was this account's own (another tab, another window).</summary>
    public bool SavedSinceByMe { get; init; }

    public DateTimeOffset? SavedSinceAt { get; init; }

    /// <summary>Whether the article was saved since the copy's form was loaded: a save of the copy will be refused as a conflict.</summary>
    public bool SavedSince => CurrentRevision > BaseRevision;

    /// <summary>The form as it was typed, at the revision it was loaded at.</summary>
    public ArticleForm ToForm() => new()
    {
        Title = Title,
        Slug = Slug,
        Standfirst = Standfirst,
        Section = Section,
        Author = Author,
        Tags = Tags,
        Body = Body,
        Status = Status,
        PublishAt = DateTime.TryParseExact(PublishAtParis, WorkingCopies.PublishAtFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null,
        ImageUrl = string.IsNullOrEmpty(ImageUrl) ? null : ImageUrl,
        ImageAlt = ImageAlt,
        ImageCaption = ImageCaption,
        ImageCredit = ImageCredit,
        CorrectionKind = CorrectionKind,
        CorrectionReason = CorrectionReason,
        Revision = BaseRevision,
    };

    /// <summary>Whether the copy holds nothing the form does not (line endings aside, and an empty field is a missing one).</summary>
    public bool SameAs(ArticleForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var copy = ToForm();
        return WorkingCopies.Fields(copy).SequenceEqual(WorkingCopies.Fields(form), StringComparer.Ordinal);
    }
}

/// <summary>The working copies an editor's page reads: its own, never a colleague's.</summary>
public sealed class WorkingCopies(IDatabase database)
{
    /// <summary>How <see cref="ArticleForm.PublishAt"/> is kept: Paris time, to the minute, as the field sends it.</summary>
    public const string PublishAtFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>How long a copy nobody came back to is kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private const string FindSql = """
        SELECT w.article_id AS ArticleId, w.base_revision AS BaseRevision, w.title AS Title, w.slug AS Slug,
               w.standfirst AS Standfirst, w.section AS Section, w.author AS Author, w.tags AS Tags, w.body AS Body,
               w.status AS Status, w.publish_at_paris AS PublishAtParis, w.image_url AS ImageUrl, w.image_alt AS ImageAlt,
               w.image_caption AS ImageCaption, w.image_credit AS ImageCredit, w.correction_kind AS CorrectionKind,
               w.correction_reason AS CorrectionReason, w.saved_at AS SavedAt,
               a.revision AS CurrentRevision, u.display_name AS SavedSinceBy, r.saved_at AS SavedSinceAt,
               r.saved_by IS NOT NULL AND r.saved_by = @UserId AS SavedSinceByMe
        FROM working_copies w
        LEFT JOIN articles a ON a.id = w.article_id
        LEFT JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision AND r.revision > w.base_revision
        LEFT JOIN users u ON u.id = r.saved_by
        WHERE w.user_id = @UserId AND (w.article_id = @ArticleId OR (w.article_id IS NULL AND @ArticleId IS NULL))
        """;

    /// <summary>The account's copy of the article (of its new article when <paramref name="articleId"/> is null); null when it has none.</summary>
    public async Task<WorkingCopyRow?> FindAsync(long userId, long? articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WorkingCopyRow>(new CommandDefinition(FindSql, new { UserId = userId, ArticleId = articleId }, cancellationToken: cancellationToken));
    }

    /// <summary>The account's copy when it holds something <paramref name="shown"/> does not: what the editor offers back.</summary>
    public async Task<WorkingCopyRow?> OfferAsync(long userId, long? articleId, ArticleForm shown, CancellationToken cancellationToken) =>
        await FindAsync(userId, articleId, cancellationToken) is { } copy && !copy.SameAs(shown) ? copy : null;

    /// <summary>The form's fields as a copy keeps them, in the table's order.</summary>
    internal static IEnumerable<string> Fields(ArticleForm form)
    {
        yield return form.Title ?? "";
        yield return form.Slug ?? "";
        yield return Lines(form.Standfirst);
        yield return form.Section ?? "";
        yield return form.Author ?? "";
        yield return form.Tags ?? "";
        yield return Lines(form.Body);
        yield return form.Status ?? "";
        yield return form.PublishAt?.ToString(PublishAtFormat, CultureInfo.InvariantCulture) ?? "";
        yield return form.ImageUrl ?? "";
        yield return form.ImageAlt ?? "";
        yield return form.ImageCaption ?? "";
        yield return form.ImageCredit ?? "";
        yield return form.CorrectionKind ?? "";
        yield return Lines(form.CorrectionReason);
    }

    // A browser sends a textarea's lines ended by CR LF, whatever the page gave it.
    private static string Lines(string? text) => (text ?? "").ReplaceLineEndings("\n");
}
