using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Core.Text;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Sidebar;
using Publisher.Web.Search;

namespace Publisher.Web.Content;

/// <summary>An article as a writer hands it to the store: Markdown and plain fields, before rendering.</summary>
public sealed record ArticleInput(
    string Slug,
    string Title,
    string Standfirst,
    string BodyMarkdown,
    string Section,
    string Author,
    IReadOnlyList<string> Tags,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    StoredImage? Image,
    string? ImageAlt,
    string? ImageCaption,
    string? ImageCredit);

/// <summary>A dated note readers see at the end of an article: « rectificatif » or « mise-a-jour », with its reason.</summary>
public sealed record CorrectionNote(string Kind, string Reason);

/// <summary>What became of a save from the editor.</summary>
public abstract record EditorSaveResult
{
    public sealed record Saved(long Id, int Revision) : EditorSaveResult;

    /// <summary>Someone saved since the editor's copy was loaded; nothing was written.</summary>
    public sealed record Conflict(int CurrentRevision, string? SavedBy, DateTimeOffset SavedAt, IReadOnlyList<string> ChangedFields) : EditorSaveResult;

    public sealed record SlugTaken : EditorSaveResult;
}

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Published = "published";
    public const string Scheduled = "scheduled";
    public const string Unpublished = "unpublished";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string RevisionRestored = "revision-restored";

    public static string Label(string action) => action switch
    {
        Created => "a créé",
        Published => "a publié",
        Scheduled => "a programmé",
        Unpublished => "a dépublié",
        Deleted => "a supprimé",
        Restored => "a rétabli",
        RevisionRestored => "a restauré une révision de",
        _ => action,
    };
}

/// <summary>An article rendered and ready to write, with the hash of what it was made from (null: always written).</summary>
public sealed record PreparedArticle(ArticleInput Input, RenderedMarkdown Rendered, string? SourceHash);

public enum SaveOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// Writes articles. The body is rendered here, once, at save time (pages never render Markdown), titles get
/// the French typography pass, and everything an article touches is written in one transaction.
/// </summary>
public sealed class ArticleStore(SqliteConnectionFactory connections, ArticleMarkdown markdown, MediaLibrary media, ArticleChanges changes, TimeProvider clock)
{
    private const string SourceHashesSql = "SELECT slug AS Slug, source_hash AS SourceHash FROM articles WHERE source_hash IS NOT NULL";

    /// <summary>The hash of what each imported article was made from, by slug: an import skips files that did not change.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SourceHashesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Slug, string SourceHash)>(new CommandDefinition(SourceHashesSql, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Slug, row => row.SourceHash, StringComparer.Ordinal);
    }

    private const string SourceHashSql = "SELECT id AS Id, source_hash AS SourceHash FROM articles WHERE slug = @Slug";

    private const string UpsertArticleSql = """
        INSERT INTO articles (
            slug, title, standfirst, body_markdown, body_html, body_text, reading_minutes,
            image_url, image_alt, image_caption, image_credit, image_width, image_height,
            section_id, author_id, status, published_at, updated_at, created_at, source_hash)
        VALUES (
            @Slug, @Title, @Standfirst, @BodyMarkdown, @BodyHtml, @BodyText, @ReadingMinutes,
            @ImageUrl, @ImageAlt, @ImageCaption, @ImageCredit, @ImageWidth, @ImageHeight,
            @SectionId, @AuthorId, @Status, @PublishedAt, @UpdatedAt, @CreatedAt, @SourceHash)
        ON CONFLICT (slug) DO UPDATE SET
            title = excluded.title,
            standfirst = excluded.standfirst,
            body_markdown = excluded.body_markdown,
            body_html = excluded.body_html,
            body_text = excluded.body_text,
            reading_minutes = excluded.reading_minutes,
            image_url = excluded.image_url,
            image_alt = excluded.image_alt,
            image_caption = excluded.image_caption,
            image_credit = excluded.image_credit,
            image_width = excluded.image_width,
            image_height = excluded.image_height,
            section_id = excluded.section_id,
            author_id = excluded.author_id,
            status = excluded.status,
            published_at = excluded.published_at,
            updated_at = excluded.updated_at,
            source_hash = excluded.source_hash
        RETURNING id
        """;

    private const string ReclaimAddressSql = "DELETE FROM article_redirects WHERE slug = @Slug";

    private const string DeleteTagsSql = "DELETE FROM article_tags WHERE article_id = @ArticleId";

    private const string InsertTagSql = "INSERT INTO article_tags (article_id, tag_id, published_at) VALUES (@ArticleId, @TagId, @PublishedAt)";

    /// <summary>Creates or updates the article with this slug. With a <paramref name="sourceHash"/> equal to the stored one, writes nothing.</summary>
    public async Task<SaveOutcome> UpsertAsync(ArticleInput input, string? sourceHash, CancellationToken cancellationToken) =>
        (await UpsertManyAsync([new PreparedArticle(input, await RenderAsync(input, cancellationToken), sourceHash)], cancellationToken))[0];

    /// <summary>
    /// Creates or updates these articles, matched by slug, in one transaction (an import's batch): all are
    /// written or none. An article whose <see cref="PreparedArticle.SourceHash"/> equals the stored one is left alone.
    /// </summary>
    public async Task<IReadOnlyList<SaveOutcome>> UpsertManyAsync(IReadOnlyList<PreparedArticle> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var outcomes = new SaveOutcome[articles.Count];
        if (articles.Count == 0)
        {
            return outcomes;
        }
        var reach = ContentReach.Unlisted;
        var changed = new List<long>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < articles.Count; i++)
        {
            var (input, rendered, sourceHash) = articles[i];
            var stored = await connection.QuerySingleOrDefaultAsync<StoredHashRow>(new CommandDefinition(SourceHashSql, new { input.Slug }, transaction, cancellationToken: cancellationToken));
            if (stored is not null && sourceHash is not null && string.Equals(stored.SourceHash, sourceHash, StringComparison.Ordinal))
            {
                outcomes[i] = SaveOutcome.Unchanged;
                continue;
            }
            var before = stored is null ? Standing.Absent : await StandingAsync(connection, transaction, stored.Id, cancellationToken);
            var articleId = await WriteAsync(connection, transaction, input, rendered, sourceHash, cancellationToken);
            if (stored is not null)
            {
                // An import changes the article too: an editor's copy loaded before it is now stale.
                await connection.ExecuteAsync(new CommandDefinition(BumpRevisionSql, new { Id = articleId }, transaction, cancellationToken: cancellationToken));
            }
            reach = Wider(reach, Reach(before, await StandingAsync(connection, transaction, articleId, cancellationToken)));
            changed.Add(articleId);
            outcomes[i] = stored is null ? SaveOutcome.Created : SaveOutcome.Updated;
        }
        await transaction.CommitAsync(cancellationToken);
        if (changed.Count > 0)
        {
            // One change is told precisely; a batch of listed articles touches too many pages to be worth it.
            await changes.NotifyAsync(changed.Count == 1 ? new ContentChange(reach, changed[0])
                : reach == ContentReach.Unlisted ? new ContentChange(ContentReach.Unlisted)
                : ContentChange.EveryPage);
        }
        return outcomes;
    }

    // Where an article stands for readers (Placement: 0 unseen, 1 listed, 2 also on every page, being among the
    // latest the sidebar may show or the only listed article of its section, which the header then names), and
    // what ties it to other pages besides its title (Listing: section, author, date and tags, by name): a
    // change there can bring it into « À lire aussi » lists and bylines that never showed it.
    private const string StandingSql = $"""
        SELECT CASE
            WHEN NOT ({Published.Filter}) THEN 0
            WHEN (SELECT COUNT(*) FROM (
                    SELECT 1 FROM articles b
                    WHERE b.status IN ('published', 'scheduled') AND b.published_at <= @Now AND b.deleted_at IS NULL
                      AND b.published_at > a.published_at
                    LIMIT @Latest)) < @Latest THEN 2
            WHEN NOT EXISTS (
                    SELECT 1 FROM articles b
                    WHERE b.section_id = a.section_id AND b.id <> a.id
                      AND b.status IN ('published', 'scheduled') AND b.published_at <= @Now AND b.deleted_at IS NULL) THEN 2
            ELSE 1
        END AS Placement,
        s.name || '|' || au.name || '|' || COALESCE(a.published_at, '') || '|' || COALESCE((
            SELECT group_concat(name, ',') FROM (
                SELECT g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id WHERE t.article_id = a.id ORDER BY g.name)), '') AS Listing
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN authors au ON au.id = a.author_id
        WHERE a.id = @Id
        """;

    private sealed record Standing(ContentReach Placement, string? Listing)
    {
        public static readonly Standing Absent = new(ContentReach.Unlisted, null);
    }

    private async Task<Standing> StandingAsync(SqliteConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<(long Placement, string Listing)>(new CommandDefinition(StandingSql, new
        {
            Id = id,
            Now = AsText(clock.GetUtcNow()),
            // The sidebar leaves out the article on screen, so it may show one more than its count.
            Latest = RecentArticles.Count + 1,
        }, transaction, cancellationToken: cancellationToken));
        return new Standing((ContentReach)row.Placement, row.Listing);
    }

    // An article readers never saw reaches no page; one edited in place reaches its page and the lists; one
    // that moved (published, unpublished, re-dated, re-tagged, into or out of the sidebar) may appear on any page.
    private static ContentReach Reach(Standing before, Standing after) =>
        before.Placement == ContentReach.Unlisted && after.Placement == ContentReach.Unlisted ? ContentReach.Unlisted
        : before.Placement != after.Placement || before.Listing != after.Listing ? ContentReach.EveryPage
        : after.Placement;

    private static ContentReach Wider(ContentReach before, ContentReach after) => before > after ? before : after;

    private const string CurrentSql = "SELECT id AS Id, slug AS Slug, revision AS Revision, status AS Status FROM articles WHERE id = @Id";

    private const string BumpRevisionSql = "UPDATE articles SET revision = revision + 1 WHERE id = @Id RETURNING revision";

    private const string FirstRevisionSql = "UPDATE articles SET created_by = @UserId WHERE id = @Id RETURNING revision";

    private const string RevisionSql = """
        INSERT INTO article_revisions (article_id, revision, saved_by, saved_at, content)
        VALUES (@Id, @Revision, @UserId, @SavedAt, @Content)
        """;

    private const string CorrectionSql = """
        INSERT INTO article_corrections (article_id, kind, reason, created_at, created_by)
        VALUES (@Id, @Kind, @Reason, @CreatedAt, @UserId)
        """;

    private const string LastRevisionSql = """
        SELECT u.display_name AS SavedBy, r.saved_at AS SavedAt, r.content AS Content
        FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.article_id = @Id ORDER BY r.revision DESC LIMIT 1
        """;

    /// <summary>
    /// A save from the editor: creates the article (<paramref name="id"/> null) or updates it if nobody saved
    /// since revision <paramref name="expectedRevision"/> was loaded; records the revision; a new slug keeps
    /// the old address as a 301.
    /// </summary>
    public async Task<EditorSaveResult> SaveAsync(long? id, int expectedRevision, ArticleInput input, long userId, CancellationToken cancellationToken, CorrectionNote? correction = null)
    {
        var now = clock.GetUtcNow();
        // Only a correction is news for readers: it, and nothing else, moves « Mis à jour le ».
        if (correction is not null)
        {
            input = input with { UpdatedAt = now };
        }
        var rendered = await RenderAsync(input, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var holder = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindIdSql, new { input.Slug }, transaction, cancellationToken: cancellationToken));
        if (holder is not null && holder != id)
        {
            return new EditorSaveResult.SlugTaken();
        }
        var previousStatus = (string?)null;
        var before = Standing.Absent;
        if (id is not null)
        {
            var current = await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition(CurrentSql, new { Id = id }, transaction, cancellationToken: cancellationToken))
                ?? throw new InvalidOperationException($"article {id} does not exist");
            if (current.Revision != expectedRevision)
            {
                return await ConflictAsync(connection, transaction, current, input, cancellationToken);
            }
            previousStatus = current.Status;
            before = await StandingAsync(connection, transaction, current.Id, cancellationToken);
            if (!string.Equals(current.Slug, input.Slug, StringComparison.Ordinal))
            {
                await connection.ExecuteAsync(new CommandDefinition(RenameSql, new { From = current.Slug, To = input.Slug, Id = id }, transaction, cancellationToken: cancellationToken));
            }
        }
        var articleId = await WriteAsync(connection, transaction, input, rendered, null, cancellationToken);
        var revision = await connection.ExecuteScalarAsync<int>(new CommandDefinition(id is null ? FirstRevisionSql : BumpRevisionSql, new { Id = articleId, UserId = userId }, transaction, cancellationToken: cancellationToken));
        foreach (var action in AuditedActions(previousStatus, id is null, input.Status))
        {
            await AuditAsync(connection, transaction, userId, action, articleId, input.Title, cancellationToken);
        }
        if (correction is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(CorrectionSql, new { Id = articleId, correction.Kind, Reason = FrenchTypography.Apply(correction.Reason.Trim()), CreatedAt = AsText(now), UserId = userId }, transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(RevisionSql, new
        {
            Id = articleId,
            Revision = revision,
            UserId = userId,
            SavedAt = AsText(now),
            // As stored, typography included, so that comparing two revisions shows only what people changed.
            Content = JsonSerializer.Serialize(input with
            {
                Title = FrenchTypography.Apply(input.Title),
                Standfirst = FrenchTypography.Apply(input.Standfirst),
                ImageCaption = input.ImageCaption is null ? null : FrenchTypography.Apply(input.ImageCaption),
            }),
        }, transaction, cancellationToken: cancellationToken));
        var after = await StandingAsync(connection, transaction, articleId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.NotifyAsync(new ContentChange(Reach(before, after), articleId));
        return new EditorSaveResult.Saved(articleId, revision);
    }

    private static async Task<EditorSaveResult.Conflict> ConflictAsync(SqliteConnection connection, DbTransaction transaction, CurrentRow current, ArticleInput mine, CancellationToken cancellationToken)
    {
        var last = await connection.QuerySingleOrDefaultAsync<LastRevisionRow>(new CommandDefinition(LastRevisionSql, new { current.Id }, transaction, cancellationToken: cancellationToken));
        var theirs = last is null ? null : JsonSerializer.Deserialize<ArticleInput>(last.Content);
        var changed = theirs is null ? [] : new List<(string Field, bool Differs)>
        {
            ("titre", theirs.Title != FrenchTypography.Apply(mine.Title)),
            ("adresse", theirs.Slug != mine.Slug),
            ("chapô", theirs.Standfirst != FrenchTypography.Apply(mine.Standfirst)),
            ("texte", theirs.BodyMarkdown != mine.BodyMarkdown),
            ("rubrique", theirs.Section != mine.Section),
            ("tags", !theirs.Tags.SequenceEqual(mine.Tags)),
            ("statut", theirs.Status != mine.Status || theirs.PublishedAt != mine.PublishedAt),
        }.Where(field => field.Differs).Select(field => field.Field).ToList();
        return new EditorSaveResult.Conflict(current.Revision, last?.SavedBy, last?.SavedAt ?? DateTimeOffset.UnixEpoch, changed);
    }

    private sealed class CurrentRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public int Revision { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class LastRevisionRow
    {
        public string? SavedBy { get; init; }
        public DateTimeOffset SavedAt { get; init; }
        public string Content { get; init; } = "";
    }

    /// <summary>
    /// Renders the body and makes the hero picture's crops: the CPU-bound part of a save, done before the
    /// transaction so that the write lock is held briefly, and free to run in parallel.
    /// </summary>
    public async Task<RenderedMarkdown> RenderAsync(ArticleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rendered = markdown.Render(input.BodyMarkdown);
        if (input.Image is not null)
        {
            await media.EnsureCropsAsync(input.Image, cancellationToken);
        }
        return rendered;
    }

    // Everything a save writes besides revisions: section, author, the article (upserted by slug), its tags,
    // its search entry and the site's change time. Returns the article's id.
    private async Task<long> WriteAsync(SqliteConnection connection, DbTransaction transaction, ArticleInput input, RenderedMarkdown rendered, string? sourceHash, CancellationToken cancellationToken)
    {
        var sectionId = await UpsertNamedAsync(connection, transaction, UpsertSectionSql, input.Section, cancellationToken);
        var authorId = await UpsertNamedAsync(connection, transaction, UpsertAuthorSql, input.Author, cancellationToken);
        var now = clock.GetUtcNow();
        var articleId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(UpsertArticleSql, new
        {
            input.Slug,
            Title = FrenchTypography.Apply(input.Title),
            Standfirst = FrenchTypography.Apply(input.Standfirst),
            input.BodyMarkdown,
            BodyHtml = rendered.Html,
            BodyText = rendered.PlainText,
            rendered.ReadingMinutes,
            ImageUrl = input.Image?.Url,
            ImageAlt = input.Image is null ? null : input.ImageAlt,
            ImageCaption = input.Image is null || input.ImageCaption is null ? null : FrenchTypography.Apply(input.ImageCaption),
            ImageCredit = input.Image is null ? null : input.ImageCredit,
            ImageWidth = input.Image?.Width,
            ImageHeight = input.Image?.Height,
            SectionId = sectionId,
            AuthorId = authorId,
            Status = StatusText(input.Status),
            PublishedAt = AsText(input.PublishedAt),
            UpdatedAt = AsText(input.UpdatedAt ?? input.PublishedAt ?? now),
            CreatedAt = AsText(now),
            SourceHash = sourceHash,
        }, transaction, cancellationToken: cancellationToken));

        // The address is this article's now, no longer another article's former one.
        await connection.ExecuteAsync(new CommandDefinition(ReclaimAddressSql, new { input.Slug }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteTagsSql, new { ArticleId = articleId }, transaction, cancellationToken: cancellationToken));
        foreach (var tag in input.Tags.DistinctBy(Slug.From))
        {
            var tagId = await UpsertNamedAsync(connection, transaction, UpsertTagSql, tag, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(InsertTagSql, new { ArticleId = articleId, TagId = tagId, PublishedAt = input.Status == ArticleStatus.Draft ? null : AsText(input.PublishedAt) }, transaction, cancellationToken: cancellationToken));
        }
        await SearchIndex.WriteAsync(connection, transaction, articleId, input.Title, input.Standfirst, rendered.PlainText, input.Tags, cancellationToken);
        await RecordChangeAsync(connection, transaction, cancellationToken);
        return articleId;
    }

    // Dapper hands DateTimeOffset parameters straight to the provider, bypassing type handlers: bind the text form.
    private static string? AsText(DateTimeOffset? instant) => instant is null ? null : DateTimeOffsetHandler.ToText(instant.Value);

    private const string UpsertAuthorWithBioSql = """
        INSERT INTO authors (slug, name, bio) VALUES (@Slug, @Name, @Bio)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio
            WHERE name IS NOT excluded.name OR bio IS NOT excluded.bio
        """;

    /// <summary>Creates or updates an author's name and biography.</summary>
    public async Task UpsertAuthorAsync(string name, string? bio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpsertAuthorWithBioSql, new { Slug = Slug.From(name), Name = name.Trim(), Bio = bio }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return;
        }
        await RecordChangeAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A biography shows on its author's page only.
        await changes.NotifyAsync(new ContentChange(ContentReach.Listed));
    }

    private const string FindIdSql = "SELECT id FROM articles WHERE slug = @Slug";

    private const string RenameSql = """
        UPDATE articles SET slug = @To WHERE id = @Id;
        INSERT INTO article_redirects (slug, article_id) VALUES (@From, @Id)
            ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id;
        DELETE FROM article_redirects WHERE slug = @To;
        """;

    private const string DeleteSql = "UPDATE articles SET deleted_at = @Now WHERE id = @Id AND deleted_at IS NULL";

    private const string RestoreSql = "UPDATE articles SET deleted_at = NULL WHERE id = @Id AND deleted_at IS NOT NULL";

    /// <summary>Deletes an article: readers get 410 Gone at its addresses (current and former) until an editor restores it. False if there was nothing to delete.</summary>
    public Task<bool> DeleteAsync(long id, long userId, CancellationToken cancellationToken) => MarkAsync(DeleteSql, id, userId, AuditActions.Deleted, cancellationToken);

    /// <summary>Brings back a deleted article as it was. False if it was not deleted.</summary>
    public Task<bool> RestoreAsync(long id, long userId, CancellationToken cancellationToken) => MarkAsync(RestoreSql, id, userId, AuditActions.Restored, cancellationToken);

    private async Task<bool> MarkAsync(string sql, long id, long userId, string action, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await StandingAsync(connection, transaction, id, cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, Now = AsText(clock.GetUtcNow()) }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }
        await AuditAsync(connection, transaction, userId, action, id, null, cancellationToken);
        await RecordChangeAsync(connection, transaction, cancellationToken);
        var after = await StandingAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.NotifyAsync(new ContentChange(Reach(before, after), id));
        return true;
    }

    private const string AuditSql = """
        INSERT INTO audit_log (at, user_id, action, article_id, article_title)
        VALUES (@At, @UserId, @Action, @ArticleId, COALESCE(@Title, (SELECT title FROM articles WHERE id = @ArticleId), ''))
        """;

    /// <summary>Adds a line to the audit log (in its own transaction when none is given).</summary>
    public async Task AuditAsync(long userId, string action, long articleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AuditAsync(connection, transaction, userId, action, articleId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private Task<int> AuditAsync(SqliteConnection connection, DbTransaction transaction, long userId, string action, long articleId, string? title, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(AuditSql, new { At = AsText(clock.GetUtcNow()), UserId = userId, Action = action, ArticleId = articleId, Title = title is null ? null : FrenchTypography.Apply(title) }, transaction, cancellationToken: cancellationToken));

    // What a save changes for readers, as the audit log names it.
    private static IEnumerable<string> AuditedActions(string? previousStatus, bool created, ArticleStatus status)
    {
        if (created)
        {
            yield return AuditActions.Created;
        }
        var wasLive = previousStatus is "published" or "scheduled";
        if (status != ArticleStatus.Draft && !wasLive)
        {
            yield return status == ArticleStatus.Scheduled ? AuditActions.Scheduled : AuditActions.Published;
        }
        else if (status == ArticleStatus.Draft && wasLive)
        {
            yield return AuditActions.Unpublished;
        }
    }

    private const string RecordChangeSql = "UPDATE site_state SET content_changed_at = @Now WHERE id = 1";

    // Rounded up to the next second, the grain of HTTP dates: a page served earlier in the same second
    // carries an older Last-Modified than the change.
    private Task<int> RecordChangeAsync(SqliteConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ceiling = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        return connection.ExecuteAsync(new CommandDefinition(RecordChangeSql, new { Now = AsText(ceiling) }, transaction, cancellationToken: cancellationToken));
    }

    public static string StatusText(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.Scheduled => "scheduled",
        ArticleStatus.Published => "published",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    // Sections, authors and tags: found by the slug of their name, created on first use.
    private const string UpsertSectionSql = """
        INSERT INTO sections (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    private const string UpsertAuthorSql = """
        INSERT INTO authors (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    private const string UpsertTagSql = """
        INSERT INTO tags (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    private static Task<long> UpsertNamedAsync(SqliteConnection connection, DbTransaction transaction, string sql, string name, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { Slug = Slug.From(name), Name = name.Trim() }, transaction, cancellationToken: cancellationToken));

    private sealed class StoredHashRow
    {
        public long Id { get; init; }
        public string? SourceHash { get; init; }
    }
}
