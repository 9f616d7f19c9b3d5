using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Operations;

namespace Publisher.Web.Tests;

/// <summary>Backup and restore of the SQLite file; on PostgreSQL the commands point to pg_dump and pg_restore.</summary>
public sealed class SqliteBackupTests : IAsyncDisposable
{
    private readonly SqlitePublisherFactory _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string command, string file)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await _app.Services.GetRequiredService<BackupCommands>().RunAsync(command, [file], output, errors, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), errors.ToString());
    }

    private static async Task<long> CountArticlesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles");
    }

    [Fact]
    public async Task A_backup_taken_while_the_site_serves_is_a_sound_copy_and_never_overwrites_a_file()
    {
        _ = _app.Services;
        var file = Path.Combine(_app.DataFolder, "sauvegardes", "publisher-2026-11-24.db");

        var first = await RunAsync(BackupCommands.Backup, file);
        var second = await RunAsync(BackupCommands.Backup, file);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("14 articles", first.Output, StringComparison.Ordinal);
        Assert.Contains("integrity ok", first.Output, StringComparison.Ordinal);
        Assert.Equal(14, await CountArticlesAsync(file));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("never overwrites", second.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_backup_with_the_site_stopped_brings_back_lost_articles_and_keeps_the_replaced_database()
    {
        var folder = Path.Combine(_app.DataFolder, "arret");
        var settings = AppProcess.Settings(folder)[..^1];
        var database = Path.Combine(folder, "publisher.db");
        var backup = Path.Combine(folder, "avant.db");
        Assert.Equal(0, (await AppProcess.RunAsync(["import", Path.Combine(PublisherFactory.RepositoryRoot, "content"), .. settings])).ExitCode);
        Assert.Equal(0, (await AppProcess.RunAsync(["backup", backup, .. settings])).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.ExecuteAsync("DELETE FROM articles WHERE slug = 'ariane-64-premier-vol'");
        }

        var (exitCode, output) = await AppProcess.RunAsync(["restore", backup, .. settings]);

        Assert.Equal(0, exitCode);
        Assert.Contains("14 articles", output, StringComparison.Ordinal);
        Assert.Equal(14, await CountArticlesAsync(database));
        var kept = Assert.Single(Directory.GetFiles(folder, "publisher.db.before-restore-*"));
        Assert.Equal(13, await CountArticlesAsync(kept));
    }

    [Fact]
    public async Task A_restore_while_the_site_runs_is_refused_and_nothing_is_touched()
    {
        var (page, _) = await _app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var backup = Path.Combine(_app.DataFolder, "avant.db");
        Assert.Equal(0, (await RunAsync(BackupCommands.Backup, backup)).ExitCode);

        // The operator's command is another process, as it would be beside a running site.
        var (exitCode, output) = await AppProcess.RunAsync(["restore", backup, .. AppProcess.Settings(_app.DataFolder)[..^1]]);

        Assert.Equal(1, exitCode);
        Assert.Contains("is in use by another process", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_app.DataFolder, "publisher.db.before-restore-*"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_publisher_database_is_refused_and_nothing_is_touched()
    {
        _ = _app.Services;
        var notes = Path.Combine(_app.DataFolder, "notes.db");
        await File.WriteAllTextAsync(notes, "ceci n'est pas une base de données", TestContext.Current.CancellationToken);
        var before = await File.ReadAllBytesAsync(_app.DatabasePath, TestContext.Current.CancellationToken);

        var result = await RunAsync(BackupCommands.Restore, notes);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Nothing was restored:", result.Errors, StringComparison.Ordinal);
        Assert.Contains("cannot be read as a SQLite database", result.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_app.DatabasePath, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(_app.DataFolder, "publisher.db.before-restore-*"));
    }
}
