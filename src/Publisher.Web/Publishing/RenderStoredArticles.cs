using Dapper;
using Publisher.Core.Markdown;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Pages.Search;

namespace Publisher.Web.Publishing;

/// <summary>
/// Renders again, once, the articles whose stored HTML an older Markdown pipeline wrote (<see cref="ArticleMarkdown.Version"/>),
/// so that a fix to the pipeline reaches articles nobody saves again: raw HTML that hid the rest of an article,
/// for one. Runs in the background after start, a batch per transaction, while the site serves the old HTML.
/// </summary>
public sealed partial class RenderStoredArticles(IDatabase database, ArticleRenderer renderer, SearchIndex index, ArticleChanges changes, TimeProvider clock, ILogger<RenderStoredArticles> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    private const string StaleSql = """
        SELECT id AS Id, body_markdown AS BodyMarkdown FROM articles
        WHERE (rendered_with IS NULL OR rendered_with <> @Version) AND id > @After
        ORDER BY id
        LIMIT @Limit
        """;

    // Only if the text is still the one rendered: an editor's save meanwhile wrote its own HTML, and the version.
    private const string UpdateSql = """
        UPDATE articles SET body_html = @Html, body_text = @PlainText, reading_minutes = @ReadingMinutes, rendered_with = @Version
        WHERE id = @Id AND body_markdown = @BodyMarkdown
        """;

    // A text the pipeline now refuses keeps the HTML it had: readers keep what they read, and it is not tried again.
    private const string KeepSql = "UPDATE articles SET rendered_with = @Version WHERE id = @Id AND body_markdown = @BodyMarkdown";

    /// <summary>Renders every stale article again; returns how many changed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var rendered = 0;
        var after = 0L;
        while (true)
        {
            IReadOnlyList<StaleRow> batch;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                batch = (await connection.QueryAsync<StaleRow>(new CommandDefinition(StaleSql, new { ArticleMarkdown.Version, After = after, Limit = BatchSize }, cancellationToken: cancellationToken))).AsList();
            }
            if (batch.Count == 0)
            {
                break;
            }
            after = batch[^1].Id;
            var results = new List<(StaleRow Row, RenderedMarkdown? Rendered)>();
            foreach (var row in batch)
            {
                results.Add((row, await TryRenderAsync(row, cancellationToken)));
            }
            await using var transaction = await database.BeginWriteAsync(cancellationToken);
            var changed = 0;
            foreach (var (row, result) in results)
            {
                if (result is null)
                {
                    await transaction.ExecuteAsync(KeepSql, new { ArticleMarkdown.Version, row.Id, row.BodyMarkdown }, cancellationToken);
                }
                else
                {
                    changed += await transaction.ExecuteAsync(UpdateSql, new { result.Html, result.PlainText, result.ReadingMinutes, ArticleMarkdown.Version, row.Id, row.BodyMarkdown }, cancellationToken);
                }
            }
            if (changed > 0)
            {
                // Last-Modified moves, or a reader's conditional request would keep the old text.
                await ArticleRows.RecordChangeAsync(transaction, clock.GetUtcNow(), cancellationToken);
            }
            await transaction.CommitAsync(CancellationToken.None);
            rendered += changed;
        }
        if (rendered > 0)
        {
            // The search index and every cached page may hold the old text.
            await index.RebuildAsync(cancellationToken);
            await changes.NotifyAsync(ContentChange.EveryPage);
            LogRendered(logger, rendered, ArticleMarkdown.Version);
        }
        return rendered;
    }

    private async Task<RenderedMarkdown?> TryRenderAsync(StaleRow row, CancellationToken cancellationToken)
    {
        try
        {
            return await renderer.RenderBodyAsync(row.BodyMarkdown, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Refused as too complex, or anything unforeseen in an old text: one article keeps its HTML, the rest go on.
            LogKept(logger, row.Id, e.Message);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the site; what is left is rendered at the next start.
        }
        catch (Exception e)
        {
            // A background service that throws stops the host: the site serves the old HTML rather than not at all.
            LogFailed(logger, e);
        }
    }

    private sealed class StaleRow
    {
        public long Id { get; init; }
        public string BodyMarkdown { get; init; } = "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {Count} articles again with the Markdown pipeline {Version}")]
    private static partial void LogRendered(ILogger logger, int count, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} keeps its stored HTML: the Markdown pipeline cannot render its text ({Reason}); an editor should simplify it")]
    private static partial void LogKept(ILogger logger, long articleId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rendering stored articles again stopped; it resumes at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
