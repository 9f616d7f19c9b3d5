using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;

namespace Publisher.Web.Tests;

public sealed class MigrationTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task Running_the_migrations_again_changes_nothing()
    {
        _ = app.Services; // the app has started, and migrated, once
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();

        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var third = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, second);
        Assert.Equal(0, third);
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        Assert.Equal(DatabaseMigrator.Embedded.Select(migration => (long)migration.Version), await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(12 + 2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles"));
    }

    [Fact]
    public async Task The_lists_read_their_articles_from_an_index()
    {
        _ = app.Services;
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        const string home = "SELECT a.id FROM articles a WHERE a.status IN ('published', 'scheduled') AND a.published_at <= '2026-11-24T12:00:00Z' ORDER BY a.published_at DESC, a.id DESC LIMIT 11";
        const string section = "SELECT a.id FROM articles a WHERE a.section_id = 1 AND a.status IN ('published', 'scheduled') AND a.published_at <= '2026-11-24T12:00:00Z' ORDER BY a.published_at DESC, a.id DESC LIMIT 11";
        const string tag = "SELECT t.article_id FROM article_tags t WHERE t.tag_id = 1 AND t.published_at <= '2026-11-24T12:00:00Z' ORDER BY t.published_at DESC, t.article_id DESC LIMIT 11";

        foreach (var (sql, index) in new[] { (home, "ix_articles_listed"), (section, "ix_articles_section_listed"), (tag, "ix_article_tags_tag") })
        {
            var plan = string.Join('\n', (await connection.QueryAsync<dynamic>("EXPLAIN QUERY PLAN " + sql)).Select(row => (string)row.detail));
            Assert.Contains(index, plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
    }
}
