using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Npgsql;
using Publisher.Tests.Hosting;

namespace Publisher.Benchmarks;

/// <summary>
/// <c>soak</c>: the real server on 127.0.0.1, for a bounded time, under many readers (home, articles, sections,
/// tags, search, feeds) while editors create, edit and publish articles through the admin forms. Passes when no
/// request failed or answered 5xx and every revision an editor saved is in the database; reports the server's
/// resident memory at the start and the end. It stops the server it started, and only that one.
/// </summary>
public static partial class SoakTest
{
    private sealed class Tally
    {
        public long Requests;
        public long ServerErrors;
        public long Failures;
        public long Saves;
        public ConcurrentQueue<string> Problems { get; } = new();
    }

    public static async Task<int> RunAsync(int seconds, int readers, int editors, int nodes)
    {
        if (nodes > 1)
        {
            return await RunNodesAsync(seconds, readers, editors, nodes);
        }
        var folder = Directory.CreateTempSubdirectory("publisher-soak-").FullName;
        var port = PublisherProcess.FreePort();
        var settings = new[]
        {
            $"--ConnectionStrings:Publisher=Data Source={Path.Combine(folder, "publisher.db")}",
            $"--Media:Path={Path.Combine(folder, "media")}",
            $"--Admin:KeysPath={Path.Combine(folder, "keys")}",
            $"--Content:Path={Path.Combine(Paths.RepositoryRoot, "content")}",
            "--Serilog:MinimumLevel:Default=Warning",
        };
        const string password = "une phrase de passe pour l'essai d'endurance";
        for (var i = 0; i < editors; i++)
        {
            using var add = Start(["user", "add", $"editeur{i}@soak.test", "--name", $"Éditeur {i}", "--role", "editor", .. settings]);
            await add.StandardInput.WriteAsync(password);
            add.StandardInput.Close();
            await add.WaitForExitAsync();
            if (add.ExitCode != 0)
            {
                Console.Error.WriteLine($"soak: could not create the editor accounts: {await add.StandardError.ReadToEndAsync()}");
                return 1;
            }
        }

        using var server = Start([.. settings, $"--urls=http://127.0.0.1:{port}"]);
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            using var probe = new HttpClient { BaseAddress = address };
            var ready = Stopwatch.StartNew();
            while (!await PublisherProcess.IsReadyAsync(probe, CancellationToken.None))
            {
                if (server.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.Error.WriteLine("soak: the server did not become ready");
                    return 1;
                }
                await Task.Delay(50);
            }
            var paths = await ReaderPathsAsync(probe);
            var rssAtStart = ResidentMegabytes(server.Id);
            var tally = new Tally();
            var saved = new ConcurrentBag<(long Article, int Revision, string Mark)>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var clock = Stopwatch.StartNew();
            var memory = new List<long> { rssAtStart };
            var work = Enumerable.Range(0, readers).Select(i => ReadAsync(address, paths, i, tally, stop.Token))
                .Concat(Enumerable.Range(0, editors).Select(i => EditAsync(address, null, $"editeur{i}@soak.test", password, i, tally, saved, null, stop.Token)))
                .Append(SampleMemoryAsync(server.Id, TimeSpan.FromSeconds(seconds / 10.0), memory, stop.Token));
            await Task.WhenAll(work);
            var rssAtEnd = ResidentMegabytes(server.Id);

            var missing = await MissingRevisionsAsync(Path.Combine(folder, "publisher.db"), saved);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Soak test: {clock.Elapsed.TotalSeconds:N0} s, {readers} readers, {editors} editors.
                  requests: {tally.Requests:N0} ({tally.Requests / clock.Elapsed.TotalSeconds:N0} a second), 5xx: {tally.ServerErrors}, failed: {tally.Failures}
                  saves: {tally.Saves:N0}, revisions checked in the database: {saved.Count:N0}, missing: {missing}
                  resident memory: {rssAtStart} MB at the start, {rssAtEnd} MB at the end; every tenth of the run: {string.Join(", ", memory)} MB
                """));
            foreach (var problem in tally.Problems.Take(10))
            {
                Console.WriteLine("  " + problem);
            }
            return tally.ServerErrors == 0 && tally.Failures == 0 && missing == 0 && tally.Saves > 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ReadAsync(Uri address, IReadOnlyList<string> paths, int seed, Tally tally, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, AllowAutoRedirect = false }) { BaseAddress = address };
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var path = paths[random.Next(paths.Count)];
            await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path), tally, stop);
        }
    }

    // other: another node, on which each save is awaited (its article page shows the mark), null with one server;
    // fresh: how long after each acknowledged save it showed it.
    private static async Task EditAsync(Uri address, Uri? other, string email, string password, int editor, Tally tally, ConcurrentBag<(long, int, string)> saved, ConcurrentBag<double>? fresh, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var signIn = await FormAsync(client, "/admin/connexion", tally, stop);
        if (signIn is null)
        {
            return;
        }
        signIn["Input.Email"] = email;
        signIn["Input.Password"] = password;
        using (await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/admin/connexion") { Content = new FormUrlEncodedContent(signIn) }, tally, stop))
        {
        }
        for (var article = 0; !stop.IsCancellationRequested; article++)
        {
            // A new article, published at once, then edited three times.
            var path = "/admin/articles";
            for (var edit = 0; edit < 4 && !stop.IsCancellationRequested; edit++)
            {
                var form = await FormAsync(client, path, tally, stop);
                if (form is null)
                {
                    break;
                }
                form["Input.Title"] = $"Essai d'endurance : article {article} de l'éditeur {editor}";
                form["Input.Standfirst"] = "Un article écrit pendant l'essai d'endurance.";
                form["Input.NewSection"] = "Essais";
                form["Input.Author"] = $"Éditeur {editor}";
                form["Input.Tags"] = "Endurance";
                // A mark found nowhere else: the revision the database holds must be this very text.
                var mark = Guid.NewGuid().ToString("N");
                form["Input.Body"] = $"## Version {edit}\n\nUn texte « {edit} » qui change à chaque enregistrement : {mark}.";
                form["Input.Status"] = "published";
                form["Input.PublishAt"] = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(-1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
                using var response = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, path + "?handler=Save") { Content = new FormUrlEncodedContent(form) }, tally, stop);
                var acknowledged = Stopwatch.StartNew();
                if (response?.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
                {
                    if (response is not null && !stop.IsCancellationRequested)
                    {
                        tally.Problems.Enqueue($"a save answered {(int)response.StatusCode}");
                        Interlocked.Increment(ref tally.Failures);
                    }
                    break;
                }
                path = location.OriginalString.Split('?')[0];
                var id = long.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
                // The revision the save made is the one the editor now loads.
                var after = await FormAsync(client, path, tally, stop);
                if (after is not null)
                {
                    saved.Add((id, int.Parse(after["Input.Revision"], CultureInfo.InvariantCulture), mark));
                    Interlocked.Increment(ref tally.Saves);
                    if (other is not null && fresh is not null && await FreshOnAsync(other, after["Input.Slug"], mark, acknowledged, tally, stop) is { } latency)
                    {
                        fresh.Add(latency);
                    }
                }
            }
        }
    }

    // Polls the other node's page of the article until it shows the mark (10 s at most): save-to-fresh, in ms.
    private static async Task<double?> FreshOnAsync(Uri other, string slug, string mark, Stopwatch acknowledged, Tally tally, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = other, Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested && acknowledged.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                if ((await client.GetStringAsync(new Uri($"/articles/{slug}", UriKind.Relative), stop)).Contains(mark, StringComparison.Ordinal))
                {
                    return acknowledged.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // A 404 until the other node sees a new article at all.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            await Task.Delay(5, CancellationToken.None);
        }
        if (!stop.IsCancellationRequested)
        {
            tally.Problems.Enqueue($"{other} did not show the save of /articles/{slug} within 10 s");
            Interlocked.Increment(ref tally.Failures);
        }
        return null;
    }

    /// <summary>
    /// <c>soak … nodes</c> with two or more: the nodes on one PostgreSQL database (<c>PUBLISHER_TEST_POSTGRES</c>, or a
    /// throwaway server) and one media folder, behind nginx (deploy/nginx/publisher.conf). Readers go through nginx;
    /// editor i saves on node i (modulo the count) and waits for the next node to show the save.
    /// </summary>
    private static async Task<int> RunNodesAsync(int seconds, int readers, int editors, int nodes)
    {
        var emails = Enumerable.Range(0, editors).Select(i => $"editeur{i}@soak.test").ToList();
        await using var server = await PostgresServer.StartAsync(Paths.RepositoryRoot, CancellationToken.None);
        await using var cluster = await NodeCluster.StartAsync(server, Paths.RepositoryRoot, Path.Combine(Paths.RepositoryRoot, "content"), nodes, oneByOne: false, emails, ["--Serilog:MinimumLevel:Default=Warning"], CancellationToken.None);
        using var probe = new HttpClient { BaseAddress = cluster.Balancer.Address };
        var paths = await ReaderPathsAsync(probe);
        var rssAtStart = cluster.Nodes.Select(node => ResidentMegabytes(node.ProcessId!.Value)).ToList();
        var tally = new Tally();
        var saved = new ConcurrentBag<(long Article, int Revision, string Mark)>();
        var fresh = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var work = Enumerable.Range(0, readers).Select(i => ReadAsync(cluster.Balancer.Address, paths, i, tally, stop.Token))
            .Concat(Enumerable.Range(0, editors).Select(i => EditAsync(
                cluster.Nodes[i % nodes].Address, cluster.Nodes[(i + 1) % nodes].Address, emails[i], NodeCluster.EditorPassword, i, tally, saved, fresh, stop.Token)));
        await Task.WhenAll(work);
        var rssAtEnd = cluster.Nodes.Select(node => ResidentMegabytes(node.ProcessId!.Value)).ToList();

        var missing = await MissingPostgresRevisionsAsync(cluster.ConnectionString, saved);
        var latencies = fresh.Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Soak test: {clock.Elapsed.TotalSeconds:N0} s, {nodes} nodes behind nginx on PostgreSQL, {readers} readers, {editors} editors.
              requests: {tally.Requests:N0} ({tally.Requests / clock.Elapsed.TotalSeconds:N0} a second), 5xx: {tally.ServerErrors}, failed: {tally.Failures}
              saves: {tally.Saves:N0}, revisions checked in the database: {saved.Count:N0}, missing: {missing}
              save to fresh on another node: p50 {Percentile(0.5):N0} ms, p95 {Percentile(0.95):N0} ms, p99 {Percentile(0.99):N0} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):N0} ms ({latencies.Count:N0} saves)
              resident memory per node: {string.Join(", ", rssAtStart)} MB at the start, {string.Join(", ", rssAtEnd)} MB at the end
            """));
        foreach (var problem in tally.Problems.Take(10))
        {
            Console.WriteLine("  " + problem);
        }
        return tally.ServerErrors == 0 && tally.Failures == 0 && missing == 0 && tally.Saves > 0 ? 0 : 1;
    }

    private static async Task<long> MissingPostgresRevisionsAsync(string connectionString, IEnumerable<(long Article, int Revision, string Mark)> saved)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        var missing = 0L;
        foreach (var (id, number, mark) in saved)
        {
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM article_revisions WHERE article_id = @article AND revision = @revision AND strpos(content, @mark) > 0", connection);
            command.Parameters.AddWithValue("article", id);
            command.Parameters.AddWithValue("revision", (long)number);
            command.Parameters.AddWithValue("mark", mark);
            missing += (long)(await command.ExecuteScalarAsync())! == 1 ? 0 : 1;
        }
        return missing;
    }

    // The form's fields as a browser would send them: hidden inputs (the anti-forgery token, the revision) and values.
    private static async Task<Dictionary<string, string>?> FormAsync(HttpClient client, string path, Tally tally, CancellationToken stop)
    {
        using var response = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path), tally, stop);
        if (response is null || response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(stop), stop);
        return page.QuerySelectorAll("form[method=post] input").OfType<IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name) && input.Type is not "file" and not "radio" and not "checkbox")
            .GroupBy(input => input.Name!)
            .ToDictionary(group => group.Key, group => group.First().Value);
    }

    private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request, Tally tally, CancellationToken stop)
    {
        using (request)
        {
            try
            {
                var response = await client.SendAsync(request, stop);
                Interlocked.Increment(ref tally.Requests);
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref tally.ServerErrors);
                    tally.Problems.Enqueue($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}");
                }
                await response.Content.LoadIntoBufferAsync(stop);
                return response;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref tally.Failures);
                tally.Problems.Enqueue($"{request.Method} {request.RequestUri} failed: {e.Message}");
                return null;
            }
        }
    }

    // Every page kind readers ask for, read from the site itself.
    private static async Task<IReadOnlyList<string>> ReaderPathsAsync(HttpClient client)
    {
        var sitemap = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        var paths = LocRegex().Matches(sitemap).Select(match => new Uri(match.Groups[1].Value).AbsolutePath).ToList();
        paths.AddRange(["/", "/?page=2", "/feed.xml", "/sitemap.xml", "/recherche?q=fusee", "/recherche?q=regulation+europeenne", "/recherche?q=donnees", "/robots.txt"]);
        return paths;
    }

    private static async Task<long> MissingRevisionsAsync(string database, IEnumerable<(long Article, int Revision, string Mark)> saved)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM article_revisions WHERE article_id = $article AND revision = $revision AND instr(content, $mark) > 0";
        var article = command.Parameters.Add("$article", SqliteType.Integer);
        var revision = command.Parameters.Add("$revision", SqliteType.Integer);
        var text = command.Parameters.Add("$mark", SqliteType.Text);
        var missing = 0L;
        foreach (var (id, number, mark) in saved)
        {
            article.Value = id;
            revision.Value = number;
            text.Value = mark;
            missing += (long)(await command.ExecuteScalarAsync())! == 1 ? 0 : 1;
        }
        return missing;
    }

    private static async Task SampleMemoryAsync(int pid, TimeSpan every, List<long> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            samples.Add(ResidentMegabytes(pid));
        }
    }

    private static Process Start(string[] arguments)
    {
        var process = PublisherProcess.Start(Paths.RepositoryRoot, arguments);
        // The server's own output is not read: drain it so that it never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    private static long ResidentMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();

    [GeneratedRegex("<loc>([^<]+)</loc>")]
    private static partial Regex LocRegex();
}
