using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

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

    public static TheoryData<string, string> ListQueries() => new()
    {
        { ArticleListQueries.LatestSql, "ix_articles_live_latest" },
        { ArticleListQueries.BySectionSql, "ix_articles_section_live" },
        { ArticleListQueries.ByAuthorSql, "ix_articles_author_live" },
        { ArticleListQueries.ByTagSql, "ix_article_tags_tag" },
    };

    [Theory]
    [MemberData(nameof(ListQueries))]
    public async Task The_lists_read_their_page_from_an_index_without_sorting(string sql, string index)
    {
        var plan = string.Join('\n', await QueryPlan.ReadAsync(app, sql, new { Now = "2026-11-24T12:00:00Z", SectionId = 1, TagId = 1, Offset = 0 }));

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    public static TheoryData<string> ListsReadFromArticleIndexes() =>
        [ArticleListQueries.LatestSql, ArticleListQueries.BySectionSql, ArticleListQueries.ByAuthorSql];

    [Theory]
    [MemberData(nameof(ListsReadFromArticleIndexes))]
    public async Task A_far_page_skips_the_articles_before_it_on_the_index_alone(string sql)
    {
        var program = await QueryPlan.ReadProgramAsync(app, sql, new { Now = "2026-11-24T12:00:00Z", SectionId = 1, AuthorId = 1, Offset = 90_000 });

        // A deferred seek moves to the article's row (cursor p3) only when a column of it is read; before the
        // OFFSET is counted (IfPos), every column must come from the index, or each skipped article's row,
        // bodies included, would be read.
        var seek = Assert.Single(program, step => step.Opcode == "DeferredSeek");
        var beforeOffset = program.TakeWhile(step => step.Opcode != "IfPos").ToList();
        Assert.NotEqual(program.Count, beforeOffset.Count);
        Assert.DoesNotContain(beforeOffset, step => step.Opcode is "Column" or "SeekRowid" or "NotExists" && step.P1 == seek.P3);
    }

    [Fact]
    public async Task A_far_tag_page_counts_off_the_articles_before_it_on_indexes_alone()
    {
        var plan = await QueryPlan.ReadAsync(app, ArticleListQueries.ByTagSql, new { Now = "2026-11-24T12:00:00Z", TagId = 1, Offset = 90_000 });

        // The subquery t chooses the page from article_tags, checking each article on the index of live
        // articles; the table's rows are read only for the rows it gives.
        var choosing = plan.TakeWhile(line => line != "SCAN t").ToList();
        Assert.NotEqual(plan.Count, choosing.Count);
        Assert.Contains(choosing, line => line.StartsWith("SEARCH t USING COVERING INDEX ix_article_tags_tag", StringComparison.Ordinal));
        Assert.Contains(choosing, line => line.StartsWith("SEARCH a USING COVERING INDEX ix_articles_live", StringComparison.Ordinal));
        Assert.DoesNotContain(choosing, line => line.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }
}

public sealed class SchedulePublisherPlanTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task The_minutely_check_for_due_articles_reads_only_scheduled_ones()
    {
        var plan = string.Join('\n', await QueryPlan.ReadAsync(app, Publisher.Web.Scheduling.PublishDueArticles.GoLiveSql, new { Now = "2026-11-24T12:00:00Z" }));

        Assert.Contains("ix_articles_scheduled", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN articles", plan, StringComparison.Ordinal);
    }
}

public sealed class RelatedQueryPlanTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task Related_articles_are_found_through_indexes_without_reading_every_article_of_a_popular_tag()
    {
        var plan = await QueryPlan.ReadAsync(app, Publisher.Web.Pages.Articles.ArticleQueries.RelatedSql, new
        {
            Id = 1,
            SectionId = 1,
            PublishedAt = "2026-11-24T12:00:00Z",
            Now = "2026-11-24T12:00:00Z",
        });

        // Each tag offers a range of its index, whose far end is found by a bounded read of the same index.
        Assert.Contains(plan, line => line.StartsWith("CORRELATED SCALAR SUBQUERY", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("ix_article_tags_tag (tag_id=? AND published_at>? AND published_at<?)", StringComparison.Ordinal));
        // Candidates are checked and sorted on the index of live articles, never on the rows with their bodies.
        Assert.Contains(plan, line => line.Contains("COVERING INDEX ix_articles_live", StringComparison.Ordinal));
        // Only the small intermediate results are scanned, never a table.
        Assert.All(plan.Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal)),
            line => Assert.Matches("^SCAN (m|near|c|ch|\\(subquery-\\d+\\))$", line));
    }
}

/// <summary>What SQLite plans for a statement on the app's database: one line per step.</summary>
internal static class QueryPlan
{
    public static async Task<IReadOnlyList<string>> ReadAsync(PublisherFactory app, string sql, object parameters)
    {
        _ = app.Services; // started, and migrated
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        return (await connection.QueryAsync<dynamic>("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => (string)row.detail).ToList();
    }

    public sealed record Step(string Opcode, long P1, long P3);

    /// <summary>The statement's compiled program, in order: each opcode with its first and third operands.</summary>
    public static async Task<IReadOnlyList<Step>> ReadProgramAsync(PublisherFactory app, string sql, object parameters)
    {
        _ = app.Services;
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        return (await connection.QueryAsync<dynamic>("EXPLAIN " + sql, parameters)).Select(row => new Step((string)row.opcode, (long)row.p1, (long)row.p3)).ToList();
    }
}
