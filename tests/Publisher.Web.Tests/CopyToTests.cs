using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Publisher.Web.Data;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>
/// copy-to, from the SQLite site the tests' app runs on into a new PostgreSQL database when
/// PUBLISHER_TEST_POSTGRES names a server, else into a second SQLite file.
/// </summary>
public sealed class CopyToTests : IAsyncDisposable
{
    // The tables the first test fills through the site, beyond what the import writes.
    private static readonly string[] WrittenThroughTheSite = ["users", "article_revisions", "article_redirects", "article_corrections", "audit_log"];

    private readonly SqliteSite _site = new();

    // Where copy-to writes: a new, empty PostgreSQL database when the suite runs on PostgreSQL, else a second SQLite file.
    private readonly TestDatabase _target;

    private IDatabase? _targetDatabase;

    public CopyToTests() => _target = new TestDatabase(Path.Combine(_site.DataFolder, "copie"), empty: true);

    /// <summary>The target as the app's seam opens it.</summary>
    private IDatabase TargetDatabase => _targetDatabase ??= DataServices.Create(_target.Engine, _target.ConnectionString, _site.Services.GetRequiredService<IHostEnvironment>());

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        if (_targetDatabase is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        _target.Dispose();
    }

    private async Task<(int ExitCode, string Output, string Errors)> CopyAsync(params string[] options)
    {
        var (command, _) = CliCommand.Parse(["copy-to", .. options]);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await _site.Services.GetRequiredService<CopyToCommand>().RunAsync(command!, output, errors, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), errors.ToString());
    }

    private Task<(int ExitCode, string Output, string Errors)> CopyToTargetAsync() =>
        CopyAsync("--provider", _target.Engine.ToString(), "--connection", _target.ConnectionString);

    [Fact]
    public async Task The_copy_serves_the_same_site_with_its_accounts_revisions_redirects_deletions_and_audit_and_takes_no_second_copy()
    {
        var editor = await _site.Services.GetRequiredService<CreateAccount>().CreateAsync("redaction@publisher.test", "Rédaction en chef", Roles.Editor, AdminSession.Password, TestContext.Current.CancellationToken);
        var save = _site.Services.GetRequiredService<SaveArticle>();
        var input = TestArticles.Input("avant-le-demenagement", "Le déménagement d’une rédaction", PublisherFactory.Today.AddHours(-2));
        var first = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, editor!.Value, MayCreateTopics: true), TestContext.Current.CancellationToken);
        await save.SaveAsync(new ArticleSave(first.Id, first.Revision, input with { Slug = "apres-le-demenagement" }, editor.Value, new CorrectionNote("rectificatif", "L’adresse a changé.")), TestContext.Current.CancellationToken);
        await _site.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await _site.ArticleIdAsync("ariane-64-premier-vol"), editor.Value, TestContext.Current.CancellationToken);
        var sourceCounts = await CountRowsAsync(_site.Services.GetRequiredService<IDatabase>());

        var (exitCode, output, errors) = await CopyToTargetAsync();

        Assert.True(exitCode == 0, errors);
        foreach (var table in SiteCopy.TableOrder)
        {
            Assert.Contains($"  {table} ", output, StringComparison.Ordinal);
        }
        Assert.Equal(SiteCopy.TableOrder.Count, output.Split('\n').Count(line => line.EndsWith("copied, checksum ok", StringComparison.Ordinal)));
        Assert.Contains("Search index rebuilt on the target: 15 articles, in ", output, StringComparison.Ordinal);
        Assert.Contains($"Media files are not copied: they stay in {Path.Combine(_site.DataFolder, "media")}", output, StringComparison.Ordinal);
        Assert.Contains($"{SiteCopy.TableOrder.Count} tables, {sourceCounts.Values.Sum():N0} rows at schema {DatabaseMigrator.LatestVersion}: counts and checksums verified, in ", output, StringComparison.Ordinal);
        Assert.All(WrittenThroughTheSite, table => Assert.True(sourceCounts[table] > 0, table));
        Assert.Equal(sourceCounts, await CountRowsAsync(TargetDatabase));

        var again = await CopyToTargetAsync();

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty (its table 'sections' has rows): copy-to writes only into an empty database.", again.Errors, StringComparison.Ordinal);
        Assert.Equal(sourceCounts, await CountRowsAsync(TargetDatabase));

        await using var copy = new TargetSite(_target, Path.Combine(_site.DataFolder, "media"));
        foreach (var path in new[] { "/articles/apres-le-demenagement", "/articles/" + SampleContent.SeedSlug, "/recherche?q=desinformation", "/recherche?q=demenagement", "/" })
        {
            var (_, sourcePage) = await _site.GetPageAsync(path);
            var (copyResponse, copyPage) = await copy.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, copyResponse.StatusCode);
            Assert.Equal(sourcePage.QuerySelector("main")!.TextContent, copyPage.QuerySelector("main")!.TextContent);
        }
        Assert.Equal(["/articles/apres-le-demenagement"], (await copy.GetPageAsync("/recherche?q=demenagement")).Document.QuerySelector("main")!.LinkTargets(".search-results h2 a"));
        using var reader = copy.CreateReader();
        using var moved = await reader.GetAsync(new Uri("/articles/avant-le-demenagement", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await copy.GetPageAsync("/articles/ariane-64-premier-vol")).Response.StatusCode);

        // The copied account signs in, and new rows take ids after the copied ones.
        using var session = AdminSession.Open(copy);
        var (signedIn, _) = await session.SignInAsync("redaction@publisher.test");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var created = await copy.Services.GetRequiredService<SaveArticle>().SaveAsync(
            new ArticleSave(null, 0, TestArticles.Input("ecrit-apres-la-copie", "Écrit après la copie", PublisherFactory.Today.AddHours(-1)), editor.Value), TestContext.Current.CancellationToken);
        Assert.True(Assert.IsType<EditorSaveResult.Saved>(created).Id > first.Id);
        Assert.Equal(editor.Value + 1, await copy.Services.GetRequiredService<CreateAccount>().CreateAsync("nouvelle@publisher.test", "Nouvelle venue", Roles.Author, AdminSession.Password, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_target_with_any_row_is_refused_and_left_as_it_was()
    {
        _ = _site.Services;
        await new DatabaseMigrator(TargetDatabase, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        await using (var connection = await TargetDatabase.OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("INSERT INTO audit_log (at, user_id, action, article_id, article_title) VALUES ('2026-11-24T10:00:00Z', NULL, 'deleted', NULL, 'Déjà là')");
        }
        var before = await CountRowsAsync(TargetDatabase);

        var (exitCode, _, errors) = await CopyToTargetAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"Nothing was copied: {TargetDatabase.Location} is not empty (its table 'audit_log' has rows): copy-to writes only into an empty database.", errors.Trim());
        Assert.Equal(before, await CountRowsAsync(TargetDatabase));
        Assert.Equal(1, before["audit_log"]);
        Assert.Equal(0, before["articles"]);
    }

    [Fact]
    public async Task A_site_at_an_older_schema_is_refused_by_the_command_line_and_the_target_is_not_touched()
    {
        _ = _site.Services;
        await using (var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False"))
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)");
        }

        var (exitCode, output) = await AppProcess.RunAsync(["copy-to", "--provider", _target.Engine.ToString(), "--connection", _target.ConnectionString, .. AppProcess.Settings(_site.DataFolder)[..^1], .. _site.Database.Arguments]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Nothing was copied: {_site.DatabasePath} is at schema {DatabaseMigrator.LatestVersion - 1}, older than this build's {DatabaseMigrator.LatestVersion}: run migrate first.", output, StringComparison.Ordinal);
        Assert.True(_target.FilePath is null ? (await TargetTablesAsync()).Count == 0 : !File.Exists(_target.FilePath));
    }

    [Fact]
    public async Task A_command_line_without_the_target_s_engine_or_connection_is_refused()
    {
        _ = _site.Services;

        var noProvider = await CopyAsync("--connection", _target.ConnectionString);
        var unknownProvider = await CopyAsync("--provider", "Oracle", "--connection", _target.ConnectionString);
        var noConnection = await CopyAsync("--provider", _target.Engine.ToString());
        var itself = await CopyAsync("--provider", "Sqlite", "--connection", $"Data Source={_site.DatabasePath}");

        Assert.Equal(2, noProvider.ExitCode);
        Assert.StartsWith("copy-to needs --provider, the target's engine (Sqlite or Postgres)", noProvider.Errors, StringComparison.Ordinal);
        Assert.Equal(2, unknownProvider.ExitCode);
        Assert.Equal("--provider is 'Oracle': it must be Sqlite or Postgres.", unknownProvider.Errors.Trim());
        Assert.Equal(2, noConnection.ExitCode);
        Assert.Equal(1, itself.ExitCode);
        Assert.Contains("the target is the site's own database", itself.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_to_knows_every_table_of_the_schema_and_copies_each_after_those_it_refers_to()
    {
        _ = _site.Services;
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        var tables = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")).ToList();
        var references = await connection.QueryAsync<(string Table, string Refers)>("SELECT t.name, f.\"table\" FROM sqlite_schema AS t JOIN pragma_foreign_key_list(t.name) AS f WHERE t.type = 'table'");

        Assert.Equal(SiteCopy.TableOrder.Concat(SiteCopy.NotCopied).Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.All(references.Where(reference => SiteCopy.TableOrder.Contains(reference.Table)), reference =>
            Assert.True(SiteCopy.TableOrder.ToList().IndexOf(reference.Refers) < SiteCopy.TableOrder.ToList().IndexOf(reference.Table), $"{reference.Table} refers to {reference.Refers}"));
        await new DatabaseMigrator(TargetDatabase, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SiteCopy.TableOrder.Concat(SiteCopy.NotCopied).Order(StringComparer.Ordinal), (await TargetTablesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_checksum_reads_values_alike_whatever_the_engine_and_tells_apart_what_text_could_confuse()
    {
        static string Checksum(params object[][] rows)
        {
            using var checksum = new TableChecksum();
            foreach (var row in rows)
            {
                checksum.Add(row);
            }
            return checksum.Finish();
        }

        Assert.Equal(Checksum([1L, "a", DBNull.Value, 0.1]), Checksum([1, "a", DBNull.Value, 0.1d]));
        Assert.Equal(Checksum([1L, 0L]), Checksum([1L, false]));
        Assert.NotEqual(Checksum([1L]), Checksum(["1"]));
        Assert.NotEqual(Checksum([DBNull.Value]), Checksum([""]));
        Assert.NotEqual(Checksum(["ab", "c"]), Checksum(["a", "bc"]));
        Assert.NotEqual(Checksum(["a;T1:b"]), Checksum(["a", "b"]));
        Assert.NotEqual(Checksum([1L], [2L]), Checksum([2L], [1L]));
        Assert.NotEqual(Checksum([0.1]), Checksum([Math.BitIncrement(0.1)]));
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(IDatabase database)
    {
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in SiteCopy.TableOrder)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }
        return counts;
    }

    private static readonly EngineSql TablesSql = new(
        Sqlite: "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'",
        Postgres: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");

    private async Task<List<string>> TargetTablesAsync()
    {
        await using var connection = _target.Open();
        return [.. await connection.QueryAsync<string>(TablesSql.For(_target.Engine))];
    }

    /// <summary>The app on SQLite whatever the engine under test: the site copy-to copies from.</summary>
    private sealed class SqliteSite() : PublisherFactory(DatabaseEngine.Sqlite);

    /// <summary>The app on the copy, with the source's pictures, importing nothing.</summary>
    private sealed class TargetSite(TestDatabase target, string media) : PublisherFactory
    {
        public override string ContentFolder => Path.Combine(DataFolder, "no-content");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(target.Settings)
        {
            ["Media:Path"] = media,
        };
    }
}
