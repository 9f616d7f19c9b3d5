using Dapper;
using Microsoft.Data.Sqlite;
using Publisher.Web.Importing;

namespace Publisher.Web.Tests;

/// <summary>
/// A real import process killed (SIGKILL) in the middle of writing, again and again: the database stays sound,
/// every article is whole or absent, and the next run finishes the work.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int Articles = ContentImporter.BatchSize * 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("publisher-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "publisher.db");

    private async Task<long> CountAsync()
    {
        if (!File.Exists(Database))
        {
            return 0;
        }
        try
        {
            await using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles");
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    // Sound, and no half article: each has its search entry and both its tags.
    private async Task AssertConsistentAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles a WHERE (SELECT COUNT(*) FROM article_tags t WHERE t.article_id = a.id) <> 2"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles a WHERE a.body_html NOT LIKE '%exemple.fr%'"));
        // Batches are transactions: a kill loses the batch being written, never part of it.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles") % ContentImporter.BatchSize);
    }

    [Fact]
    public async Task An_import_killed_mid_write_again_and_again_leaves_whole_articles_and_finishes_on_the_next_run()
    {
        var archive = await TestArticles.WriteArchiveAsync(Path.Combine(_folder, "archive"), Articles);
        string[] import = ["import", archive, .. AppProcess.Settings(_folder)[..^1], "--Serilog:MinimumLevel:Default=Warning"];

        for (var kill = 1; kill <= 4; kill++)
        {
            using var process = AppProcess.Start(import);
            // Killed once one more batch is written: the process is then reading, rendering or writing the next one.
            var target = (await CountAsync()) + ContentImporter.BatchSize;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && await CountAsync() < target)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"no batch written within a minute before kill {kill}");
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            // Then a little later each time, so that the kills land in different phases, writing included.
            await Task.Delay(TimeSpan.FromMilliseconds(60 * (kill - 1)), TestContext.Current.CancellationToken);
            Assert.False(process.HasExited, $"the import ended before kill {kill}: make the archive larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            await AssertConsistentAsync();
        }

        var (exitCode, output) = await AppProcess.RunAsync(import);

        Assert.Equal(0, exitCode);
        Assert.Matches("Imported \\d+, updated 0, unchanged \\d+, failed 0\\.", output);
        Assert.Equal(Articles, await CountAsync());
        await AssertConsistentAsync();
    }

    [Fact]
    public async Task A_site_killed_while_editors_save_keeps_every_article_with_its_last_revision_and_restarts()
    {
        var settings = AppProcess.Settings(_folder)[..^1];
        string[] content = [$"--Content:Path={Path.Combine(PublisherFactory.RepositoryRoot, "content")}"];
        using (var add = AppProcess.Start(["user", "add", "redaction@crash.test", "--name", "Rédaction", "--role", "editor", .. settings]))
        {
            await add.StandardInput.WriteAsync(AdminSession.Password);
            add.StandardInput.Close();
            await add.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, add.ExitCode);
        }

        for (var kill = 1; kill <= 3; kill++)
        {
            var port = AppProcess.FreePort();
            using var server = AppProcess.Start([.. settings, .. content, $"--urls=http://127.0.0.1:{port}", "--Serilog:MinimumLevel:Default=Warning"]);
            using var session = new AdminSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            await AppProcess.WaitUntilReadyAsync(session.Client);
            await session.SignInAsync("redaction@crash.test");

            // Saves on two articles, one after the other, until the process dies under them.
            var saves = 0;
            var editing = Task.Run(async () =>
            {
                for (var turn = 0; ; turn++)
                {
                    var path = "/admin/articles/" + (1 + (turn % 2));
                    try
                    {
                        var (_, page) = await session.GetAsync(path);
                        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.editor")!;
                        var (saved, _) = await session.SubmitAsync(path, form, new Dictionary<string, string> { ["Input.Body"] = $"Version {Guid.NewGuid():N} du texte." }, "Enregistrer");
                        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
                        Interlocked.Increment(ref saves);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process was killed under the request (or failed: then the saves stop short)
                    }
                }
            }, TestContext.Current.CancellationToken);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref saves) < 10 * kill)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the editors could not save");
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
            await editing;

            await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            // Article and revision are one transaction: the article's revision number is always its last revision,
            // and that revision holds the body the article has.
            var state = string.Join("; ", await connection.QueryAsync<string>("SELECT a.id || ' rev ' || a.revision || ' max ' || COALESCE((SELECT MAX(revision) FROM article_revisions WHERE article_id = a.id), -1) || ' body ' || substr(a.body_markdown, 1, 50) FROM articles a WHERE a.id IN (1, 2)"));
            Assert.True(0 == await connection.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM articles a
                WHERE a.id IN (1, 2) AND NOT EXISTS (
                    SELECT 1 FROM article_revisions r
                    WHERE r.article_id = a.id AND r.revision = a.revision
                      AND r.revision = (SELECT MAX(revision) FROM article_revisions WHERE article_id = a.id)
                      AND instr(r.content, a.body_markdown) > 0)
                """), state);
        }
    }
}
