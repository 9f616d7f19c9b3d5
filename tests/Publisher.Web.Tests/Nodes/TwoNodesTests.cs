using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests.Nodes;

/// <summary>
/// Two nodes on one database behind nginx: what an editor does on one is what readers get from the other, at
/// once. Each node keeps pages in its cache, so every check first fills the other node's cache with the old page.
/// </summary>
[Collection(SeveralNodes.Name)]
public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_session_and_an_anti_forgery_token_from_node_a_are_accepted_by_node_b()
    {
        using var editor = await NodeBrowser.SignedInAsync(nodes.A.Address);

        var (admin, _) = await editor.On(nodes.B).GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        // The form (and its token) from A, posted to B: a refused token would answer 400.
        var (saved, id) = await editor.SaveAsync(nodes.A.Address, nodes.B.Address, null, ArticleValues.Published("Un formulaire de A enregistré par B", ArticleValues.NewSlug("jeton")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task Published_on_a_is_everywhere_on_b_edited_on_b_is_on_a_deleted_on_a_is_gone_from_b_each_within_a_second()
    {
        using var editor = await NodeBrowser.SignedInAsync(nodes.A.Address);
        var slug = ArticleValues.NewSlug("publie-sur-a");
        var article = "/articles/" + slug;
        var absolute = new Uri(nodes.Cluster.BaseUrl, article).ToString();
        // An article page of another article, for « Les derniers articles »: nothing else on it lists the new one.
        var (_, home) = await Reader.PageAsync(nodes.B.Address, "/");
        var other = Reader.Listed(home)[0];
        await WarmAsync(nodes.B.Address, "/", "/rubriques/spatial", other, "/feed.xml", "/sitemap.xml");

        var (published, id) = await editor.SaveAsync(nodes.A.Address, nodes.A.Address, null, ArticleValues.Published("Publié sur le nœud A", slug));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var deadline = DateTime.UtcNow + Fresh;
        await ListedAsync(deadline, nodes.B.Address, "/", article, "B's home page");
        await ListedAsync(deadline, nodes.B.Address, "/rubriques/spatial", article, "B's section page");
        await Poll.UntilAsync(deadline, () => Reader.PageAsync(nodes.B.Address, other), page => page.Page.Sidebar().LinkTargets().Contains(article), page => string.Join(", ", page.Page.Sidebar().LinkTargets()), "the sidebar of B's pages lists the article");
        await Poll.UntilAsync(deadline, () => Reader.FeedLinksAsync(nodes.B.Address, "/feed.xml"), links => links.Contains(absolute), links => string.Join(", ", links.Take(3)), "B's feed lists the article");
        await Poll.UntilAsync(deadline, () => Reader.SitemapAsync(nodes.B.Address), urls => urls.Contains(absolute), urls => $"{urls.Count} addresses", "B's sitemap lists the article");

        await WarmAsync(nodes.A.Address, article);
        var (edited, _) = await editor.SaveAsync(nodes.B.Address, nodes.B.Address, id, new Dictionary<string, string> { ["Input.Title"] = "Titre changé sur le nœud B" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        await Poll.UntilAsync(DateTime.UtcNow + Fresh, () => Reader.PageAsync(nodes.A.Address, article), page => page.Page.QuerySelector("h1")?.Text() == "Titre changé sur le nœud B", page => page.Page.QuerySelector("h1")?.Text() ?? $"{page.Status}", "A serves the new title");

        await WarmAsync(nodes.B.Address, article);
        var (_, editorPage) = await editor.On(nodes.A).GetAsync($"/admin/articles/{id}");
        var (deleted, _) = await editor.On(nodes.A).SubmitAsync($"/admin/articles/{id}", (IHtmlFormElement)editorPage.QuerySelector("form.danger-zone")!, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await Poll.UntilAsync(DateTime.UtcNow + Fresh, () => Reader.PageAsync(nodes.B.Address, article), page => page.Status == HttpStatusCode.Gone, page => $"{(int)page.Status}", "B answers 410 for the deleted article");
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_on_both_nodes_within_3_s_of_its_time_and_is_published_once()
    {
        using var editor = await NodeBrowser.SignedInAsync(nodes.A.Address);
        var slug = ArticleValues.NewSlug("programme");
        var article = "/articles/" + slug;
        var at = DateTimeOffset.UtcNow.AddSeconds(4);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

        var (scheduled, id) = await editor.SaveAsync(nodes.A.Address, nodes.A.Address, null, ArticleValues.ScheduledAt("Programmé sur le nœud A", slug, at));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.PageAsync(nodes.B.Address, article)).Status);
        await WarmAsync(nodes.A.Address, "/");
        await WarmAsync(nodes.B.Address, "/");

        var deadline = at.UtcDateTime.AddSeconds(3);
        await Poll.UntilAsync(deadline, () => nodes.StatusAsync(slug), status => status == "published", status => status, "the scheduler published the article");
        var seen = await Task.WhenAll(nodes.Cluster.Nodes.Select(async node =>
        {
            await ListedAsync(deadline, node.Address, "/", article, $"{node.Name}'s home page");
            return DateTimeOffset.UtcNow;
        }));
        Assert.All(seen, when => Assert.True(when >= at.AddMilliseconds(-100), $"live at {when:HH:mm:ss.fff}, before its time {at:HH:mm:ss}"));

        await using var connection = await nodes.OpenDatabaseAsync();
        var lines = (await connection.QueryAsync<string>(new CommandDefinition("SELECT action FROM audit_log WHERE article_id = @Id ORDER BY id", new { Id = id }, cancellationToken: TestContext.Current.CancellationToken))).ToList();
        Assert.Equal([AuditLog.Created, AuditLog.Scheduled, AuditLog.WentLive], lines);
    }

    private static async Task WarmAsync(Uri node, params string[] paths)
    {
        foreach (var path in paths)
        {
            await Reader.PageAsync(node, path);
        }
    }

    private static async Task ListedAsync(DateTime deadline, Uri node, string list, string article, string what) =>
        await Poll.UntilAsync(deadline, () => Reader.PageAsync(node, list), page => Reader.Listed(page.Page).Contains(article), page => $"{(int)page.Status}, listing {string.Join(", ", Reader.Listed(page.Page).Take(3))}", $"{what} lists {article}");
}
