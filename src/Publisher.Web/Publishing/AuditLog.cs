using Publisher.Core.Content;
using Publisher.Core.Text;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>
/// Who did what to which article, and when. Every line is written in the transaction of the write it
/// records, so that a write is never kept without its line, nor a line without its write.
/// </summary>
public static class AuditLog
{
    public const string Created = "created";
    public const string Published = "published";
    public const string Scheduled = "scheduled";
    public const string Unpublished = "unpublished";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string RevisionRestored = "revision-restored";
    public const string PreviewLinkCreated = "preview-link-created";
    public const string PreviewLinkRevoked = "preview-link-revoked";

    /// <summary>A scheduled article went live at its time: nobody's act, so the line names nobody.</summary>
    public const string WentLive = "went-live";

    // Lines about an account rather than an article: no article, an empty title.
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string SignedOutEverywhere = "signed-out-everywhere";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [Created] = "a créé",
        [Published] = "a publié",
        [Scheduled] = "a programmé",
        [Unpublished] = "a dépublié",
        [Deleted] = "a supprimé",
        [Restored] = "a rétabli",
        [RevisionRestored] = "a restauré une révision de",
        [PreviewLinkCreated] = "a créé un lien d’aperçu de",
        [PreviewLinkRevoked] = "a révoqué un lien d’aperçu de",
        [WentLive] = "Mise en ligne à l’heure prévue\u00A0:",
        [PasswordChanged] = "a changé son mot de passe",
        [PasswordReset] = "a reçu un nouveau mot de passe (ligne de commande)",
        [SignedOutEverywhere] = "a fermé toutes ses sessions",
    };

    /// <summary>The action as the journal names it, before the article's title.</summary>
    public static string Label(string action) => Labels.GetValueOrDefault(action, action);

    private const string WriteSql = """
        INSERT INTO audit_log (at, user_id, action, article_id, article_title)
        VALUES (@At, @UserId, @Action, @ArticleId, COALESCE(@Title, (SELECT title FROM articles WHERE id = @ArticleId), ''))
        """;

    /// <summary>Adds a line in the caller's transaction; without a title, the article's current one.</summary>
    public static Task<int> WriteAsync(WriteTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entry);
        return transaction.ExecuteAsync(WriteSql, new
        {
            At = DateTimeOffsetHandler.ToText(entry.At),
            entry.UserId,
            entry.Action,
            entry.ArticleId,
            Title = entry.Title is null ? null : FrenchTypography.Apply(entry.Title),
        }, cancellationToken);
    }

    /// <summary>What a save changes for readers, as the journal names it.</summary>
    public static IEnumerable<string> ActionsOfSave(string? previousStatus, bool created, ArticleStatus status)
    {
        if (created)
        {
            yield return Created;
        }
        var wasLive = previousStatus is "published" or "scheduled";
        if (status != ArticleStatus.Draft && !wasLive)
        {
            yield return status == ArticleStatus.Scheduled ? Scheduled : Published;
        }
        else if (status == ArticleStatus.Draft && wasLive)
        {
            yield return Unpublished;
        }
    }
}

/// <summary>One line of the journal: at, by whom (nobody for the scheduler), what, on which article (and its title then); no article for a line about an account.</summary>
public sealed record AuditEntry(DateTimeOffset At, long? UserId, string Action, long? ArticleId, string? Title = null);
