using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Core.Text;
using Publisher.Web.Data;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Publishing;

/// <summary>
/// The rows every write of an article touches, inside the caller's transaction: its section, author and tags
/// (found by the slug of their name, created on first use), the article itself (upserted by slug), its
/// search entry and the site's change time. Titles get the French typography pass here, once.
/// </summary>
public static class ArticleRows
{
    private const string UpsertArticleSql = """
        INSERT INTO articles (
            slug, title, standfirst, body_markdown, body_html, body_text, reading_minutes,
            image_url, image_alt, image_caption, image_credit, image_width, image_height,
            section_id, author_id, status, published_at, updated_at, created_at, edited_at, source_hash, rendered_with)
        VALUES (
            @Slug, @Title, @Standfirst, @BodyMarkdown, @BodyHtml, @BodyText, @ReadingMinutes,
            @ImageUrl, @ImageAlt, @ImageCaption, @ImageCredit, @ImageWidth, @ImageHeight,
            @SectionId, @AuthorId, @Status, @PublishedAt, @UpdatedAt, @CreatedAt, @CreatedAt, @SourceHash, @RenderedWith)
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
            edited_at = excluded.edited_at,
            source_hash = excluded.source_hash,
            rendered_with = excluded.rendered_with
        RETURNING id
        """;

    // Only the article's own former address: another article's 301 is never taken silently.
    private const string ReclaimAddressSql = "DELETE FROM article_redirects WHERE slug = @Slug AND article_id = @ArticleId";

    private const string DeleteTagsSql = "DELETE FROM article_tags WHERE article_id = @ArticleId";

    private const string InsertTagSql = "INSERT INTO article_tags (article_id, tag_id, published_at) VALUES (@ArticleId, @TagId, @PublishedAt)";

    /// <summary>Writes the article and everything it touches besides revisions; returns its id.</summary>
    public static Task<long> WriteAsync(WriteTransaction transaction, PreparedArticle article, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(transaction, article, now, null, cancellationToken);

    /// <summary>As above, saved by <paramref name="userId"/> (for the image library; null for an import).</summary>
    public static async Task<long> WriteAsync(WriteTransaction transaction, PreparedArticle article, DateTimeOffset now, long? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(article);
        var (input, rendered, sourceHash) = article;
        var sectionId = await Topics.FindOrCreateAsync(transaction, TopicKind.Section, input.Section, cancellationToken);
        var authorId = await Topics.FindOrCreateAsync(transaction, TopicKind.Author, input.Author, cancellationToken);
        var articleId = await transaction.ScalarAsync<long>(UpsertArticleSql, Parameters(input, rendered, sourceHash, sectionId, authorId, now), cancellationToken);

        // The address is this article's now, no longer its own former one.
        await transaction.ExecuteAsync(ReclaimAddressSql, new { input.Slug, ArticleId = articleId }, cancellationToken);
        await transaction.ExecuteAsync(DeleteTagsSql, new { ArticleId = articleId }, cancellationToken);
        foreach (var tag in input.Tags.DistinctBy(Slug.From))
        {
            var tagId = await Topics.FindOrCreateAsync(transaction, TopicKind.Tag, tag, cancellationToken);
            await transaction.ExecuteAsync(InsertTagSql, new { ArticleId = articleId, TagId = tagId, PublishedAt = input.Status == ArticleStatus.Draft ? null : Text(input.PublishedAt) }, cancellationToken);
        }
        await ArticlePictures.WriteAsync(transaction, articleId, ArticlePictures.Of(input, rendered), userId, now, cancellationToken);
        await SearchIndex.WriteAsync(transaction, articleId, input.Title, input.Standfirst, rendered.PlainText, input.Tags, cancellationToken);
        await RecordChangeAsync(transaction, now, cancellationToken);
        return articleId;
    }

    private static object Parameters(ArticleInput input, RenderedMarkdown rendered, string? sourceHash, long sectionId, long authorId, DateTimeOffset now) => new
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
        PublishedAt = Text(input.PublishedAt),
        UpdatedAt = Text(input.UpdatedAt ?? input.PublishedAt ?? now),
        CreatedAt = Text(now),
        SourceHash = sourceHash,
        RenderedWith = ArticleMarkdown.Version,
    };

    // Never backwards: a write that waited for the lock behind a later one keeps the later time.
    private const string RecordChangeSql = "UPDATE site_state SET content_changed_at = CASE WHEN content_changed_at > @Now THEN content_changed_at ELSE @Now END WHERE id = 1";

    /// <summary>
    /// Records when the site last changed (Last-Modified), rounded up to the next second, the grain of HTTP
    /// dates: a page served earlier in the same second carries an older Last-Modified than the change.
    /// </summary>
    public static Task<int> RecordChangeAsync(WriteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var ceiling = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        return transaction.ExecuteAsync(RecordChangeSql, new { Now = Text(ceiling) }, cancellationToken);
    }

    public static string StatusText(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.Scheduled => "scheduled",
        ArticleStatus.Published => "published",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ArticleStatus StatusOf(string text) => text switch
    {
        "draft" => ArticleStatus.Draft,
        "scheduled" => ArticleStatus.Scheduled,
        "published" => ArticleStatus.Published,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown article status"),
    };

    // Dapper hands DateTimeOffset parameters straight to the provider, bypassing type handlers: bind the text form.
    private static string? Text(DateTimeOffset? instant) => instant is null ? null : DateTimeOffsetHandler.ToText(instant.Value);
}
