using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Core.Text;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Media;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>A save from the editor, as the form hands it over.</summary>
/// <param name="Id">The article's id; null for a new article.</param>
/// <param name="ExpectedRevision">The revision the editor's copy was loaded at.</param>
/// <param name="Input">The article as typed.</param>
/// <param name="UserId">Who saves.</param>
/// <param name="Correction">The note readers see, when the editor wrote one; a save without it is a silent fix.</param>
/// <param name="MayCreateTopics">Whether who saves may create the sections, authors and tags the article names (<see cref="Accounts.Permissions.CreateTopics"/>).</param>
/// <param name="CreatesSection">
/// Whether the section is one who saves asked to create (« Nouvelle rubrique »): a section is otherwise chosen
/// from the list, and a name that is not there is refused, so that a typo never makes a permanent section.
/// </param>
public sealed record ArticleSave(long? Id, int ExpectedRevision, ArticleInput Input, long UserId, CorrectionNote? Correction = null, bool MayCreateTopics = false, bool CreatesSection = false);

/// <summary>What became of a save from the editor.</summary>
public abstract record EditorSaveResult
{
    public sealed record Saved(long Id, int Revision) : EditorSaveResult;

    /// <summary>Someone saved since the editor's copy was loaded; nothing was written.</summary>
    public sealed record Conflict(int CurrentRevision, string? SavedBy, DateTimeOffset SavedAt, IReadOnlyList<string> ChangedFields) : EditorSaveResult;

    public sealed record SlugTaken : EditorSaveResult;

    /// <summary>The address is another article's former one, which still sends its readers there.</summary>
    /// <param name="Title">The article's title, or null when who saves may not see it.</param>
    public sealed record FormerAddressOf(string? Title) : EditorSaveResult;

    /// <summary>The article names sections, authors or tags that do not exist, and the save may not create them.</summary>
    /// <param name="Topics">The names refused.</param>
    /// <param name="MayCreateTopics">Whether who saves could have created them (a section asked for as new).</param>
    public sealed record NewTopicsRefused(IReadOnlyList<NewTopic> Topics, bool MayCreateTopics = false) : EditorSaveResult;

    /// <summary>The body nests deeper than the Markdown pipeline renders.</summary>
    public sealed record BodyTooComplex : EditorSaveResult;

    /// <summary>The picture looked like one but cannot be decoded (truncated, crafted).</summary>
    public sealed record ImageUnreadable : EditorSaveResult;
}

/// <summary>
/// Saves an article from the editor: creates it, or updates it if nobody saved since the editor's copy was
/// loaded; records the revision, the journal's lines and a correction note; a new slug keeps the old address
/// as a 301. All in one transaction, then the caches hear how far the change reached.
/// </summary>
public sealed class SaveArticle(IDatabase database, ArticleRenderer renderer, MediaLibrary media, ArticleChanges changes, TimeProvider clock)
{
    public async Task<EditorSaveResult> SaveAsync(ArticleSave save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        var now = clock.GetUtcNow();
        PreparedArticle prepared;
        try
        {
            prepared = await PrepareAsync(save, now, cancellationToken);
        }
        catch (MarkdownTooComplexException)
        {
            return new EditorSaveResult.BodyTooComplex();
        }
        catch (InvalidDataException)
        {
            return new EditorSaveResult.ImageUnreadable();
        }
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var (result, reach) = await WriteAsync(transaction, save, prepared, now, cancellationToken);
        if (result is EditorSaveResult.Saved saved)
        {
            // What was typed is saved: the working copy kept while typing it has nothing more to offer.
            await transaction.ExecuteAsync(DiscardCopySql, new { save.UserId, ArticleId = save.Id }, cancellationToken);
            // Not cancellable: its picture is in the library now, and must not stay there without the article.
            await changes.CommitAsync(transaction, new ContentChange(reach, saved.Id), CancellationToken.None);
        }
        return result;
    }

    // The copy of a new article is the account's one copy without an article.
    private const string DiscardCopySql = """
        DELETE FROM working_copies WHERE user_id = @UserId AND (article_id = @ArticleId OR (article_id IS NULL AND @ArticleId IS NULL))
        """;

    /// <summary>Renders the article outside the write lock. Only a correction is news for readers: it, and nothing else, moves « Mis à jour le ».</summary>
    internal async Task<PreparedArticle> PrepareAsync(ArticleSave save, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var input = save.Correction is null ? save.Input : save.Input with { UpdatedAt = now };
        return new PreparedArticle(input, await renderer.RenderAsync(input, cancellationToken), null);
    }

    private const string FindIdSql = "SELECT id FROM articles WHERE slug = @Slug";

    // The holder's title only when who saves may see it (published, or theirs): a guessed address must not
    // tell an author a colleague's unpublished title.
    private const string FormerAddressOfSql = $"""
        SELECT CASE WHEN a.created_by = @UserId OR ({Published.Filter}) THEN a.title ELSE '' END
        FROM article_redirects r JOIN articles a ON a.id = r.article_id
        WHERE r.slug = @Slug AND r.article_id <> @Id
        """;

    private const string CurrentSql = "SELECT id AS Id, slug AS Slug, revision AS Revision, status AS Status FROM articles WHERE id = @Id";

    private const string RenameSql = """
        UPDATE articles SET slug = @To WHERE id = @Id;
        INSERT INTO article_redirects (slug, article_id) VALUES (@From, @Id)
            ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id;
        DELETE FROM article_redirects WHERE slug = @To AND article_id = @Id;
        """;

    private const string FirstRevisionSql = "UPDATE articles SET created_by = @UserId WHERE id = @Id RETURNING revision";

    private const string NextRevisionSql = "UPDATE articles SET revision = revision + 1 WHERE id = @Id RETURNING revision";

    private const string CorrectionSql = """
        INSERT INTO article_corrections (article_id, kind, reason, created_at, created_by)
        VALUES (@Id, @Kind, @Reason, @CreatedAt, @UserId)
        """;

    /// <summary>The save's writes, in a transaction the caller commits only when the result is <see cref="EditorSaveResult.Saved"/>.</summary>
    internal async Task<(EditorSaveResult Result, ContentReach Reach)> WriteAsync(WriteTransaction transaction, ArticleSave save, PreparedArticle prepared, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var input = prepared.Input;
        var holder = await transaction.ScalarAsync<long?>(FindIdSql, new { input.Slug }, cancellationToken);
        if (holder is not null && holder != save.Id)
        {
            return (new EditorSaveResult.SlugTaken(), ContentReach.Unlisted);
        }
        if (await transaction.ScalarAsync<string?>(FormerAddressOfSql, new { input.Slug, Id = save.Id ?? 0, save.UserId, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken) is { } formerHolder)
        {
            return (new EditorSaveResult.FormerAddressOf(formerHolder.Length == 0 ? null : formerHolder), ContentReach.Unlisted);
        }
        var (refused, signed) = await CheckNewTopicsAsync(transaction, save, cancellationToken);
        if (refused.Count > 0)
        {
            return (new EditorSaveResult.NewTopicsRefused(refused, save.MayCreateTopics), ContentReach.Unlisted);
        }
        if (signed is not null)
        {
            prepared = prepared with { Input = input with { Author = signed } };
            input = prepared.Input;
        }
        var previousStatus = (string?)null;
        var before = Standing.Absent;
        if (save.Id is { } id)
        {
            var current = await transaction.SingleOrDefaultAsync<CurrentRow>(CurrentSql, new { Id = id }, cancellationToken)
                ?? throw new InvalidOperationException($"article {id} does not exist");
            if (current.Revision != save.ExpectedRevision)
            {
                return (await ConflictAsync(transaction, current, save.ExpectedRevision, cancellationToken), ContentReach.Unlisted);
            }
            previousStatus = current.Status;
            before = await ChangeReach.StandingAsync(transaction, id, now, cancellationToken);
            if (!string.Equals(current.Slug, input.Slug, StringComparison.Ordinal))
            {
                await transaction.ExecuteAsync(RenameSql, new { From = current.Slug, To = input.Slug, Id = id }, cancellationToken);
            }
        }
        var articleId = await ArticleRows.WriteAsync(transaction, prepared, now, save.UserId, cancellationToken);
        var revision = await transaction.ScalarAsync<int>(save.Id is null ? FirstRevisionSql : NextRevisionSql, new { Id = articleId, save.UserId }, cancellationToken);
        foreach (var action in AuditLog.ActionsOfSave(previousStatus, save.Id is null, input.Status))
        {
            await AuditLog.WriteAsync(transaction, new AuditEntry(now, save.UserId, action, articleId, input.Title), cancellationToken);
        }
        if (save.Correction is { } correction)
        {
            await transaction.ExecuteAsync(CorrectionSql, new { Id = articleId, correction.Kind, Reason = FrenchTypography.Apply(correction.Reason.Trim()), CreatedAt = DateTimeOffsetHandler.ToText(now), save.UserId }, cancellationToken);
        }
        await Revisions.RecordAsync(transaction, articleId, revision, save.UserId, now, input, cancellationToken);
        var after = await ChangeReach.StandingAsync(transaction, articleId, now, cancellationToken);
        if (input.Image is { } image)
        {
            // Last, once nothing can refuse the save: an upload becomes public only with the article using it.
            media.Publish(image);
        }
        foreach (var picture in prepared.Rendered.Images)
        {
            // The images of the text follow the same rule as the main one.
            media.Publish(new StoredImage(picture.Url, picture.Width, picture.Height));
        }
        return (new EditorSaveResult.Saved(articleId, revision), ChangeReach.Between(before, after));
    }

    private const string OwnNameSql = "SELECT display_name FROM users WHERE id = @UserId";

    /// <summary>
    /// The new sections, authors and tags the save may not create; and, when the byline is new and is who saves'
    /// own name, that name as their account spells it: anyone may sign with their own name (the byline a new
    /// account's form starts with), never create another, nor a spelling of their own (« ☠ ALICE ☠ »). A new
    /// section needs both the right to create it and the deliberate act of asking for it.
    /// </summary>
    private static async Task<(List<NewTopic> Refused, string? Signed)> CheckNewTopicsAsync(WriteTransaction transaction, ArticleSave save, CancellationToken cancellationToken)
    {
        var missing = await Topics.NewInAsync(transaction, save.Input, cancellationToken);
        if (missing.Count == 0)
        {
            return ([], null);
        }
        var ownName = save.MayCreateTopics ? null : await transaction.ScalarAsync<string?>(OwnNameSql, new { save.UserId }, cancellationToken);
        bool IsOwnByline(NewTopic topic) => topic.Kind == TopicKind.Author && ownName is not null && Slug.From(topic.Name) == Slug.From(ownName);
        bool Allowed(NewTopic topic) => topic.Kind == TopicKind.Section ? save.MayCreateTopics && save.CreatesSection : save.MayCreateTopics || IsOwnByline(topic);
        return (missing.Where(topic => !Allowed(topic)).ToList(), missing.Any(IsOwnByline) ? ownName : null);
    }

    // What the others changed: the revision the editor started from against the latest, never the editor's
    // own form (their own changes are not news to them). An imported article has no revision to start from.
    private static async Task<EditorSaveResult.Conflict> ConflictAsync(WriteTransaction transaction, CurrentRow current, int startedFrom, CancellationToken cancellationToken)
    {
        var last = await Revisions.LastAsync(transaction, current.Id, cancellationToken);
        var start = await Revisions.AtAsync(transaction, current.Id, startedFrom, cancellationToken);
        var changed = last is null || start is null ? [] : Revisions.ChangedFields(start.Article, last.Article);
        return new EditorSaveResult.Conflict(current.Revision, last?.SavedBy, last?.SavedAt ?? DateTimeOffset.UnixEpoch, changed);
    }

    private sealed class CurrentRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public int Revision { get; init; }
        public string Status { get; init; } = "";
    }
}
