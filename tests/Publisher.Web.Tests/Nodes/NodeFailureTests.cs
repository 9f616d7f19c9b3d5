using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;

namespace Publisher.Web.Tests.Nodes;

/// <summary>
/// Node A is killed (SIGKILL) under readers and editors going through nginx: nothing acknowledged is lost, readers
/// stop seeing errors within a second, the scheduler carries on on B, and A restarted rejoins with fresh pages.
/// A starts first, so it holds the scheduler when it dies.
/// </summary>
[Collection(SeveralNodes.Name)]
public sealed class NodeFailureTests(TwoNodesOneByOne nodes) : IClassFixture<TwoNodesOneByOne>
{
    private const int Readers = 8;
    private const int Editors = 2;
    // The load runs at least this long, A killed at KillAfter, and until editors have saved on both sides of the
    // kill (a slow machine saves less in the same time); at most MaxLoad.
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan MaxLoad = TimeSpan.FromSeconds(30);
    private const int SavesEachSide = 2;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(1);

    /// <summary>One request of the load: when it started and ended (since the load began), what, and how it ended.</summary>
    private sealed record Outcome(TimeSpan Started, TimeSpan Ended, string Request, int? Status, string? Error)
    {
        public bool Failed => Error is not null || Status >= 500;

        public override string ToString() => $"{Started.TotalMilliseconds:N0}–{Ended.TotalMilliseconds:N0} ms {Request}: {(Error ?? Status?.ToString(CultureInfo.InvariantCulture))}";
    }

    /// <summary>A save nginx acknowledged (the redirect after POST): the revision it made must hold this mark.</summary>
    private sealed record Acknowledged(TimeSpan At, long Article, long Revision, string Mark);

    [Fact]
    public async Task Node_a_killed_under_load_loses_no_acknowledged_save_readers_recover_within_a_second_and_a_rejoins()
    {
        await SchedulerHolder.WaitForAsync(nodes.A, [nodes.B], TimeSpan.FromSeconds(5));
        var paths = await ReaderPathsAsync();
        var browsers = new List<NodeBrowser>();
        for (var i = 0; i < Editors; i++)
        {
            browsers.Add(await NodeBrowser.SignedInAsync(nodes.Balancer));
        }
        using var editor = await NodeBrowser.SignedInAsync(nodes.Balancer);
        var outcomes = new ConcurrentQueue<Outcome>();
        var saves = new ConcurrentQueue<Acknowledged>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var load = Enumerable.Range(0, Readers).Select(i => ReadAsync(paths, i, clock, outcomes, stop.Token))
            .Concat(browsers.Select((browser, i) => EditAsync(browser, i, clock, outcomes, saves, stop.Token)))
            .ToList();
        var deadline = DateTime.UtcNow + MaxLoad;

        await Poll.UntilAsync(deadline, () => Task.FromResult((clock.Elapsed, saves.Count)), now => now.Elapsed >= KillAfter && now.Count >= SavesEachSide, now => $"{now.Count} saves", "editors saved before the kill");
        var killedAt = clock.Elapsed;
        nodes.A.Kill();
        // Scheduled while A is dead, through nginx: only B can put it live.
        var slug = ArticleValues.NewSlug("programme-pendant-la-panne");
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        var (scheduled, _) = await editor.SaveAsync(nodes.Balancer, nodes.Balancer, null, ArticleValues.ScheduledAt("Programmé pendant la panne du nœud A", slug, at));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        await Poll.UntilAsync(deadline, () => Task.FromResult((clock.Elapsed, Count: saves.Count(save => save.At > killedAt))), now => now.Elapsed >= LoadFor && now.Count >= SavesEachSide, now => $"{now.Count} saves", "editors saved after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var failures = outcomes.Where(outcome => outcome.Failed).OrderBy(outcome => outcome.Started).ToList();
        // A request A was answering when it died may fail (a POST is not retried); one that ended before, or
        // started more than a second after, may not.
        var late = failures.Where(outcome => outcome.Ended < killedAt || outcome.Started > killedAt + Recovery).ToList();
        Assert.True(late.Count == 0, $"errors before the kill or after the second that follows it ({killedAt.TotalMilliseconds:N0} ms):\n{string.Join('\n', late.Take(10))}\n{nodes.Logs()}");
        Assert.True(outcomes.Count(outcome => outcome.Started > killedAt + Recovery) > 50, "readers kept reading after the kill");

        await using (var connection = await nodes.OpenDatabaseAsync())
        {
            var revisions = (await connection.QueryAsync<(long Article, long Revision, string Content)>(new CommandDefinition(
                    "SELECT article_id AS Article, revision AS Revision, content AS Content FROM article_revisions WHERE article_id = ANY(@Ids)",
                    new { Ids = saves.Select(save => save.Article).Distinct().ToArray() }, cancellationToken: TestContext.Current.CancellationToken)))
                .ToDictionary(row => (row.Article, row.Revision), row => row.Content);
            var lost = saves.Where(save => !revisions.TryGetValue((save.Article, save.Revision), out var content) || !content.Contains(save.Mark, StringComparison.Ordinal)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {saves.Count} acknowledged saves are not in the database: {string.Join(", ", lost.Take(5))}");
        }

        // Readers see a scheduled article once its time has come whoever runs the scheduler: its status says
        // the scheduler ran, and only B could run it.
        await Poll.UntilAsync(at.UtcDateTime.AddSeconds(3), () => nodes.StatusAsync(slug), status => status == "published", status => status, "B's scheduler published the article scheduled while A was dead");
        await Poll.UntilAsync(at.UtcDateTime.AddSeconds(3), () => Reader.PageAsync(nodes.B.Address, "/"), page => Reader.Listed(page.Page).Contains("/articles/" + slug), page => string.Join(", ", Reader.Listed(page.Page).Take(3)), "B lists the article scheduled while A was dead");

        nodes.A.Start();
        await nodes.A.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var article = "/articles/" + slug;
        await Reader.PageAsync(nodes.A.Address, article);
        var id = await nodes.ArticleIdAsync(slug);
        var (edited, _) = await editor.SaveAsync(nodes.B.Address, nodes.B.Address, id, new Dictionary<string, string> { ["Input.Title"] = "Titre changé sur B après le retour de A" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        await Poll.UntilAsync(DateTime.UtcNow.AddSeconds(1), () => Reader.PageAsync(nodes.A.Address, article), page => page.Page.QuerySelector("h1")?.Text() == "Titre changé sur B après le retour de A", page => page.Page.QuerySelector("h1")?.Text() ?? $"{page.Status}", "A, restarted, serves the title saved on B");
        await RejoinsAsync();

        await SchedulerHolder.WaitForAsync(nodes.B, [nodes.A], TimeSpan.FromSeconds(1));
    }

    // nginx sends requests to A again once its fail_timeout has passed: within a few seconds of A's return.
    private async Task RejoinsAsync()
    {
        var upstream = $"upstream=127.0.0.1:{nodes.A.Port} ";
        var restarted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await Poll.UntilAsync(
            DateTime.UtcNow.AddSeconds(10),
            async () =>
            {
                await Reader.PageAsync(nodes.Balancer, "/");
                return nodes.Cluster.Balancer.AccessLog.Split('\n')
                    .Any(line => line.Contains(upstream, StringComparison.Ordinal) && line.Contains(" 200 ", StringComparison.Ordinal)
                        && double.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture) >= restarted);
            },
            served => served,
            _ => "every request went to B",
            "nginx sends requests to A again");
    }

    // Every kind of page readers ask for: lists, articles, feed, sitemap, search.
    private async Task<IReadOnlyList<string>> ReaderPathsAsync()
    {
        var (_, home) = await Reader.PageAsync(nodes.Balancer, "/");
        return [.. Reader.Listed(home), "/", "/rubriques/spatial", "/tags/archives", "/feed.xml", "/sitemap.xml", "/recherche?q=fusee"];
    }

    private async Task ReadAsync(IReadOnlyList<string> paths, int seed, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = nodes.Balancer, Timeout = TimeSpan.FromSeconds(10) };
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var path = paths[random.Next(paths.Count)];
            await SendAsync(client, HttpMethod.Get, path, null, clock, outcomes, stop);
        }
    }

    // An editor through nginx: creates an article, edits it three times, and again; each save carries a mark.
    private async Task EditAsync(NodeBrowser browser, int editor, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, ConcurrentQueue<Acknowledged> saves, CancellationToken stop)
    {
        using var _ = browser;
        var client = browser.On(nodes.Balancer).Client;
        long? id = null;
        for (var save = 0; !stop.IsCancellationRequested; save++)
        {
            if (save % 4 == 0)
            {
                id = null;
            }
            var path = id is null ? "/admin/articles" : $"/admin/articles/{id}";
            var form = await SendAsync(client, HttpMethod.Get, path, null, clock, outcomes, stop);
            if (form is not { Status: HttpStatusCode.OK } || !int.TryParse((form.Value.Page.QuerySelector("form.editor input[name='Input.Revision']") as IHtmlInputElement)?.Value, CultureInfo.InvariantCulture, out var revision))
            {
                continue;
            }
            var mark = Guid.NewGuid().ToString("N");
            var fields = Fields((IHtmlFormElement)form.Value.Page.QuerySelector("form.editor")!);
            foreach (var (name, value) in ArticleValues.Published($"Article {save / 4} de l’éditeur {editor} sous charge", id is null ? ArticleValues.NewSlug($"charge-{editor}") : fields["Input.Slug"], body: $"Version {save % 4} : {mark}."))
            {
                fields[name] = value;
            }
            var saved = await SendAsync(client, HttpMethod.Post, path + "?handler=Save", new FormUrlEncodedContent(fields), clock, outcomes, stop);
            if (saved?.SavedId is { } savedId)
            {
                saves.Enqueue(new Acknowledged(clock.Elapsed, savedId, id is null ? 1 : revision + 1, mark));
                id = savedId;
            }
        }
    }

    private static Dictionary<string, string> Fields(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Where(input => !string.IsNullOrEmpty(input.Name) && input.Type is "hidden" or "text" or "datetime-local")
            .Concat<IHtmlElement>(form.Elements.OfType<IHtmlTextAreaElement>())
            .GroupBy(element => element.GetAttribute("name")!)
            .ToDictionary(group => group.Key, group => group.First() switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                _ => "",
            });

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page, long? SavedId)?> SendAsync(
        HttpClient client, HttpMethod method, string path, HttpContent? content, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        var started = clock.Elapsed;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await client.SendAsync(request, stop);
            var html = await response.Content.ReadAsStringAsync(stop);
            outcomes.Enqueue(new Outcome(started, clock.Elapsed, $"{method} {path}", (int)response.StatusCode, null));
            return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(html, stop), NodeBrowser.SavedId(response));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcomes.Enqueue(new Outcome(started, clock.Elapsed, $"{method} {path}", null, e.Message));
            return null;
        }
    }
}
