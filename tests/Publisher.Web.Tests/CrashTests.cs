using Dapper;
using Microsoft.Data.Sqlite;
using Publisher.Web.Content;

namespace Publisher.Web.Tests;

/// <summary>
/// A real import process killed (SIGKILL) in the middle of writing, again and again: the database stays sound,
/// every article is whole or absent, and the next run finishes the work.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Articles = ContentImporter.BatchSize * 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("publisher-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "publisher.db");

    private async Task<string> WriteArchiveAsync()
    {
        var content = Path.Combine(_folder, "archive");
        Directory.CreateDirectory(content);
        for (var i = 0; i < Articles; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(content, $"{i:D5}.md"), $"""
                ---
                slug: archive-{i}
                title: "Article d'archive numéro {i}"
                standfirst: "Un chapô pour l'article {i}."
                section: "Spatial"
                tags: ["Archives", "Lot {i / ContentImporter.BatchSize}"]
                author: "La rédaction"
                status: published
                published: 2020-01-01T08:00:00+01:00
                ---
                ## Un intertitre

                Un texte « {i} » avec [un lien](https://exemple.fr/{i}).
                """, TestContext.Current.CancellationToken);
        }
        return content;
    }

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
        var archive = await WriteArchiveAsync();
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
}
