using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Npgsql;
using Publisher.Core.Text;
using Publisher.Tests.Hosting;

namespace Publisher.Web.Tests.Nodes;

/// <summary>
/// The tests of several nodes start real processes (PostgreSQL, two nodes, nginx) and load them: they run
/// alone, one class after another, after the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeveralNodes : ICollectionFixture<PostgresForNodes>
{
    public const string Name = "Several nodes";
}

/// <summary>The PostgreSQL server of the collection: <c>PUBLISHER_TEST_POSTGRES</c>'s, or a throwaway one started here and stopped at the end.</summary>
public sealed class PostgresForNodes : IAsyncLifetime
{
    private PostgresServer? _server;

    internal PostgresServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _server = await PostgresServer.StartAsync(PublisherFactory.RepositoryRoot, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// Nodes A and B on a fresh database of the class's own and one media folder, behind nginx, started at once
/// (both migrate, index and import at start-up), with an editor account. Stopped, by their process ids, at the
/// end of the class.
/// </summary>
public class TwoNodes(PostgresForNodes postgres) : IAsyncLifetime
{
    public const string EditorEmail = "editeur@noeuds.test";

    // Articles without pictures, so that the first start imports them in a moment.
    private readonly string _content = Directory.CreateTempSubdirectory("publisher-nodes-content-").FullName;
    private NodeCluster? _cluster;

    internal NodeCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    internal PublisherNode A => Cluster.Nodes[0];

    internal PublisherNode B => Cluster.Nodes[1];

    /// <summary>nginx, in front of both.</summary>
    internal Uri Balancer => Cluster.Balancer.Address;

    /// <summary>Node A alone first, then B: A takes whatever is elected at start-up (the scheduler).</summary>
    protected virtual bool OneByOne => false;

    public async ValueTask InitializeAsync()
    {
        await TestArticles.WriteArchiveAsync(_content, 30);
        _cluster = await NodeCluster.StartAsync(postgres.Server, PublisherFactory.RepositoryRoot, _content, 2, OneByOne, [EditorEmail], [], TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        Directory.Delete(_content, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A connection of the test's own to the cluster's database.</summary>
    internal async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Cluster.ConnectionString + ";Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    internal async Task<long> ArticleIdAsync(string slug)
    {
        await using var connection = await OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT id FROM articles WHERE slug = @Slug", new { Slug = slug }, cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>The article's stored status: a scheduled article is « published » once the scheduler has put it live.</summary>
    internal async Task<string> StatusAsync(string slug)
    {
        await using var connection = await OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT status FROM articles WHERE slug = @Slug", new { Slug = slug }, cancellationToken: TestContext.Current.CancellationToken)) ?? "missing";
    }

    /// <summary>What the logs of the nodes and nginx say, for a failure's message.</summary>
    internal string Logs() =>
        string.Join("\n", Cluster.Nodes.Select(node => $"--- node {node.Name}:\n{node.LogTail(15)}"));
}

/// <summary>The same, node A started (and ready) before node B.</summary>
public sealed class TwoNodesOneByOne(PostgresForNodes postgres) : TwoNodes(postgres)
{
    protected override bool OneByOne => true;
}

/// <summary>A browser that keeps one set of cookies for all the nodes and nginx (all on 127.0.0.1) and fills the admin forms.</summary>
internal sealed class NodeBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<Uri, AdminSession> _sessions = [];

    public AdminSession On(Uri address)
    {
        if (!_sessions.TryGetValue(address, out var session))
        {
            var handler = new SocketsHttpHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false };
            session = new AdminSession(new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
            _sessions[address] = session;
        }
        return session;
    }

    public AdminSession On(PublisherNode node) => On(node.Address);

    /// <summary>The editor of <see cref="TwoNodes"/>, signed in through <paramref name="node"/>: the cookies go to every node (cookies know no port).</summary>
    public static async Task<NodeBrowser> SignedInAsync(Uri node)
    {
        var browser = new NodeBrowser();
        var (response, _) = await browser.On(node).SignInAsync(TwoNodes.EditorEmail, NodeCluster.EditorPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>
    /// GETs the editor on <paramref name="formFrom"/> (the new-article form, or an article's) and submits it with these
    /// values to <paramref name="postTo"/>; returns the response and the article's id when the save was acknowledged.
    /// </summary>
    public async Task<(HttpResponseMessage Response, long? Id)> SaveAsync(Uri formFrom, Uri postTo, long? id, IReadOnlyDictionary<string, string> values)
    {
        var path = id is null ? "/admin/articles" : $"/admin/articles/{id}";
        var (_, page) = await On(formFrom).GetAsync(path);
        var form = page.QuerySelector("form.editor") as IHtmlFormElement ?? throw new InvalidOperationException($"no editor form at {formFrom}{path}");
        var (response, _) = await On(postTo).SubmitAsync(path, form, values, "Enregistrer");
        return (response, SavedId(response));
    }

    /// <summary>The article's id when the response is the redirect that acknowledges a save (to /admin/articles/{id}?enregistre=true).</summary>
    public static long? SavedId(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location && location.StartsWith("/admin/articles/", StringComparison.Ordinal)
            ? long.Parse(location["/admin/articles/".Length..].Split('?')[0], CultureInfo.InvariantCulture)
            : null;

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
    }
}

/// <summary>What readers get from a node or from nginx: pages parsed as a browser would, feeds and sitemaps as XML.</summary>
internal static class Reader
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<(HttpStatusCode Status, IHtmlDocument Page)> PageAsync(Uri site, string path)
    {
        using var response = await Client.GetAsync(new Uri(site, path), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }

    public static async Task<XDocument> XmlAsync(Uri site, string path)
    {
        using var response = await Client.GetAsync(new Uri(site, path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return await XDocument.LoadAsync(stream, LoadOptions.None, TestContext.Current.CancellationToken);
    }

    /// <summary>The links of an RSS feed's items.</summary>
    public static async Task<IReadOnlyList<string>> FeedLinksAsync(Uri site, string path) =>
        (await XmlAsync(site, path)).Descendants("item").Select(item => item.Element("link")?.Value ?? "").ToList();

    /// <summary>The addresses a sitemap lists.</summary>
    public static async Task<IReadOnlyList<string>> SitemapAsync(Uri site, string path = "/sitemap.xml") =>
        (await XmlAsync(site, path)).Locations();

    /// <summary>The article pages a list shows (home, section, tag).</summary>
    public static IReadOnlyList<string> Listed(IHtmlDocument page) => page.QuerySelector("main")!.LinkTargets(".article-list h2 a");
}

/// <summary>Bounded waits: a condition polled every 20 ms until a deadline, never a fixed sleep.</summary>
internal static class Poll
{
    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="deadline"/> passes; fails with what was last read.</summary>
    public static async Task<T> UntilAsync<T>(DateTime deadline, Func<Task<T>> read, Func<T, bool> done, Func<T, string> describe, string what)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{what}: not so by the deadline; last seen: {describe(value)}");
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>The values the editor's form takes.</summary>
internal static class ArticleValues
{
    public static Dictionary<string, string> Published(string title, string slug, string section = "Spatial", string? body = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.Standfirst"] = "Un chapô écrit pendant le test de plusieurs nœuds.",
        ["Input.Section"] = section,
        ["Input.Author"] = "Camille Renaud",
        ["Input.Tags"] = "Fusées",
        ["Input.Body"] = body ?? "Un texte enregistré sur un nœud et lu sur l’autre.",
        ["Input.Status"] = "published",
    };

    /// <summary>Published at this time, in the future: scheduled. To the second, which the form's field accepts.</summary>
    public static Dictionary<string, string> ScheduledAt(string title, string slug, DateTimeOffset at) => new(Published(title, slug))
    {
        ["Input.PublishAt"] = FrenchDates.ToParis(at).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
    };

    public static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>Which node runs scheduled publication, as the nodes say on <c>/metrics</c> (the gauge <c>publisher_scheduler_held</c>).</summary>
internal static class SchedulerHolder
{
    public const string Gauge = "publisher_scheduler_held";

    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Waits, <paramref name="within"/> at most, until <paramref name="holder"/> runs the scheduler and none of the <paramref name="others"/> does.</summary>
    public static async Task WaitForAsync(PublisherNode holder, IReadOnlyList<PublisherNode> others, TimeSpan within)
    {
        PublisherNode[] nodes = [holder, .. others];
        await Poll.UntilAsync(
            DateTime.UtcNow + within,
            () => HoldersAsync(nodes),
            held => held.Holds[0] && !held.Holds.Skip(1).Any(holds => holds),
            held => $"{held.Source}: {string.Join(", ", nodes.Zip(held.Holds, (node, holds) => $"{node.Name} {(holds ? "holds it" : "does not")}"))}",
            $"node {holder.Name} alone runs the scheduler");
    }

    private static async Task<(string Source, bool[] Holds)> HoldersAsync(PublisherNode[] nodes) =>
        ("/metrics", [.. (await Task.WhenAll(nodes.Select(GaugeAsync))).Select(gauge => gauge == true)]);

    private static async Task<bool?> GaugeAsync(PublisherNode node)
    {
        using var response = await Client.GetAsync(new Uri(node.Address, "/metrics"), TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        var metrics = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return metrics.Split('\n').FirstOrDefault(line => line.StartsWith(Gauge + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture) > 0
            : null;
    }
}
