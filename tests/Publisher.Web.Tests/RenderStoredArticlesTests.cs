using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>Articles stored by an older Markdown pipeline are rendered again once, so a fix reaches articles nobody saves again.</summary>
public sealed class RenderStoredArticlesTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    // What the pipeline stored before raw HTML was shown as text: the rest of the article after « <title> » was gone.
    private async Task StoreAsAnOlderPipelineDidAsync(string slug, string markdown, string html)
    {
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(TestArticles.Input(slug, "Un article ancien", PublisherFactory.Today.AddDays(-1)), null, TestContext.Current.CancellationToken);
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var transaction = await database.BeginWriteAsync(TestContext.Current.CancellationToken);
        await transaction.ExecuteAsync("UPDATE articles SET body_markdown = @Markdown, body_html = @Html, rendered_with = NULL WHERE slug = @Slug", new { Markdown = markdown, Html = html, Slug = slug }, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_stored_article_that_lost_text_to_raw_html_gets_it_back_and_keeps_it_once_rendered()
    {
        await StoreAsAnOlderPipelineDidAsync("balise-title", "Pour le référencement, la balise <title> compte beaucoup.\n\nUn deuxième paragraphe.", "<p>Pour le référencement, la balise </p>");
        var render = app.Services.GetRequiredService<RenderStoredArticles>();

        var first = await render.RunAsync(TestContext.Current.CancellationToken);
        var second = await render.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var (response, page) = await app.GetPageAsync("/articles/balise-title");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = page.QuerySelector(".article-body")!.TextContent;
        Assert.Contains("<title> compte beaucoup", body, StringComparison.Ordinal);
        Assert.Contains("Un deuxième paragraphe.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_article_the_pipeline_now_refuses_keeps_what_readers_had()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 300)) + "Texte enfoui.";
        await StoreAsAnOlderPipelineDidAsync("trop-imbrique", nested, "<p>Ce que les lecteurs lisaient.</p>");
        var render = app.Services.GetRequiredService<RenderStoredArticles>();

        await render.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await render.RunAsync(TestContext.Current.CancellationToken));
        var (_, page) = await app.GetPageAsync("/articles/trop-imbrique");
        Assert.Equal("Ce que les lecteurs lisaient.", page.QuerySelector(".article-body")!.TextContent.Trim());
    }
}
