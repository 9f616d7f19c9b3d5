using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;

namespace Publisher.Web.Tests;

/// <summary>The readers' kept-open connections: prepared once, bound anew every time, never writing, never stale.</summary>
public sealed class SqliteReadSessionsTests(SqlitePublisherFactory app) : IClassFixture<SqlitePublisherFactory>
{
    private const string SlugByIdSql = "SELECT slug FROM articles WHERE id = @Id";

    private IReadSessions Reads => app.Services.GetRequiredService<IReadSessions>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_statement_answers_for_the_values_bound_each_time()
    {
        var ids = await Reads.QueryAsync<long>("SELECT id FROM articles ORDER BY id LIMIT 2", [], Token);
        Assert.Equal(2, ids.Count);

        var first = await Reads.QueryFirstOrDefaultAsync<string>(SlugByIdSql, [new("Id", ids[0])], Token);
        var second = await Reads.QueryFirstOrDefaultAsync<string>(SlugByIdSql, [new("Id", ids[1])], Token);
        var none = await Reads.QueryFirstOrDefaultAsync<string>(SlugByIdSql, [new("Id", -1L)], Token);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(none);
    }

    [Fact]
    public async Task A_write_is_refused_and_the_next_read_still_works()
    {
        var before = await Reads.QueryFirstOrDefaultAsync<long>("SELECT COUNT(*) FROM articles", [], Token);

        var refused = await Assert.ThrowsAsync<SqliteException>(() => Reads.QueryAsync<long>("DELETE FROM articles RETURNING id", [], Token));

        Assert.Contains("readonly", refused.Message.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await Reads.QueryFirstOrDefaultAsync<long>("SELECT COUNT(*) FROM articles", [], Token));
        Assert.True(before > 0);
    }

    [Fact]
    public async Task A_change_committed_elsewhere_is_seen_by_the_next_read()
    {
        var id = (await Reads.QueryAsync<long>("SELECT id FROM articles ORDER BY id LIMIT 1", [], Token))[0];
        const string TitleSql = "SELECT title FROM articles WHERE id = @Id";
        var original = await Reads.QueryFirstOrDefaultAsync<string>(TitleSql, [new("Id", id)], Token);

        await using (var writer = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await writer.OpenAsync(Token);
            await using var update = writer.CreateCommand();
            update.CommandText = "UPDATE articles SET title = 'Titre changé ailleurs' WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync(Token);
        }

        Assert.NotEqual("Titre changé ailleurs", original);
        // Another statement on the same kept-open connections: it would see the old snapshot if a reader had
        // left a read transaction open.
        Assert.Equal("Titre changé ailleurs", await Reads.QueryFirstOrDefaultAsync<string>("SELECT title AS Title FROM articles WHERE id = @Id", [new("Id", id)], Token));
    }

    [Theory]
    [InlineData("SELECT id FROM articles LIMIT @Count")]
    [InlineData("SELECT id FROM articles ORDER BY id limit $Count OFFSET 10")]
    public async Task A_bound_limit_is_refused_because_sqlite_would_plan_it_again_every_time(string sql)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Reads.QueryAsync<long>(sql, [new("Count", 3)], Token));

        Assert.Contains("LIMIT", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_constant_limit_with_a_bound_offset_or_sum_is_accepted()
    {
        var paged = await Reads.QueryAsync<long>("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET @Offset", [new("Offset", 1L)], Token);
        var summed = await Reads.QueryAsync<long>("SELECT id FROM articles ORDER BY id LIMIT 1 + @Offset", [new("Offset", 1L)], Token);

        Assert.Single(paged);
        Assert.Equal(2, summed.Count);
        Assert.Equal(summed[1], paged[0]);
    }

    [Fact]
    public async Task A_date_must_be_passed_as_stored_text()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            Reads.QueryAsync<long>("SELECT id FROM articles WHERE published_at <= @Now", [new("Now", PublisherFactory.Today)], Token));

        Assert.Contains("DateTimeOffsetHandler.ToText", refused.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await Reads.QueryAsync<long>("SELECT id FROM articles WHERE published_at <= @Now",
            [new("Now", DateTimeOffsetHandler.ToText(PublisherFactory.Today))], Token));
    }
}
