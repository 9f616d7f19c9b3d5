using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Publisher.Web.Data;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;

namespace Publisher.Web.Tests;

/// <summary>
/// Two writers at once, through the app's own services: the checks that read then write (a stale revision, a
/// taken address, the last admin, a migration already applied) hold only because each engine lets one write
/// transaction in at a time (SQLite's <c>BEGIN IMMEDIATE</c>, PostgreSQL's advisory lock). Each race runs for
/// rounds, both writers released together; on PostgreSQL every other round a third transaction holds a row
/// both writers must write until both wait (<see cref="RowGate"/>), the widest window a slow writer gives, so
/// that without the lock the race shows in the first such round, not in one round out of ten.
/// </summary>
public sealed class WriteRaceTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private const int Rounds = 20;

    // Every save writes the site's change time, after its checks.
    private const string SaveGateSql = "SELECT id FROM site_state WHERE id = 1 FOR UPDATE";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_editors_saving_the_same_revision_at_once_get_one_save_and_one_conflict_naming_the_first()
    {
        var save = app.Services.GetRequiredService<SaveArticle>();
        var alice = await CreateAccountAsync("Alice Première", Roles.Editor);
        var bruno = await CreateAccountAsync("Bruno Second", Roles.Editor);
        var names = new Dictionary<long, string> { [alice] = "Alice Première", [bruno] = "Bruno Second" };
        var input = TestArticles.Input("course-a-l-enregistrement", "Une course à l’enregistrement", PublisherFactory.Today.AddHours(-1));
        var created = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, alice, MayCreateTopics: true), Token);
        var revision = created.Revision;

        for (var round = 0; round < Rounds; round++)
        {
            var expected = revision;
            var (first, second) = await AtOnceAsync(
                () => save.SaveAsync(new ArticleSave(created.Id, expected, input with { Title = $"La version d’Alice, tour {round}" }, alice), Token),
                () => save.SaveAsync(new ArticleSave(created.Id, expected, input with { Title = $"La version de Bruno, tour {round}" }, bruno), Token),
                Gated(round, SaveGateSql));

            var saved = Assert.Single(new[] { (Editor: alice, Result: first), (Editor: bruno, Result: second) }, pair => pair.Result is EditorSaveResult.Saved);
            var conflict = Assert.IsType<EditorSaveResult.Conflict>(ReferenceEquals(saved.Result, first) ? second : first);
            var winner = (EditorSaveResult.Saved)saved.Result;
            Assert.Equal(expected + 1, winner.Revision);
            Assert.Equal(winner.Revision, conflict.CurrentRevision);
            Assert.Equal(names[saved.Editor], conflict.SavedBy);
            revision = winner.Revision;
        }

        await using var connection = app.Database.Open();
        Assert.Equal(created.Revision + Rounds, await connection.ExecuteScalarAsync<long>("SELECT revision FROM articles WHERE id = @Id", new { created.Id }));
        var recorded = (await connection.QueryAsync<long>("SELECT revision FROM article_revisions WHERE article_id = @Id ORDER BY revision", new { created.Id })).ToList();
        Assert.Equal(Enumerable.Range(created.Revision, Rounds + 1).Select(number => (long)number), recorded);
    }

    [Fact]
    public async Task Two_articles_saved_at_once_to_the_same_new_address_get_one_save_and_one_clean_refusal()
    {
        var save = app.Services.GetRequiredService<SaveArticle>();
        var editor = await CreateAccountAsync("Chloé Pressée", Roles.Editor);

        for (var round = 0; round < Rounds; round++)
        {
            var slug = $"une-adresse-convoitee-{round}";
            // Two new articles, then two existing articles renamed to the same address.
            var (one, other) = round % 2 == 0
                ? (New("Le premier prétendant", slug), New("Le second prétendant", slug))
                : (await ExistingAsync("Le premier prétendant", slug, round), await ExistingAsync("Le second prétendant", slug, round));

            var (first, second) = await AtOnceAsync(() => save.SaveAsync(one, Token), () => save.SaveAsync(other, Token), Gated(round / 2, SaveGateSql));

            var saved = Assert.IsType<EditorSaveResult.Saved>(Assert.Single(new[] { first, second }, result => result is EditorSaveResult.Saved));
            Assert.IsType<EditorSaveResult.SlugTaken>(Assert.Single(new[] { first, second }, result => result is not EditorSaveResult.Saved));
            var title = (ReferenceEquals(saved, first) ? one : other).Input.Title;
            await using var connection = app.Database.Open();
            Assert.Equal(title, await connection.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE slug = @Slug AND id = @Id", new { Slug = slug, saved.Id }));
        }

        ArticleSave New(string title, string slug) =>
            new(null, 0, TestArticles.Input(slug, title, PublisherFactory.Today.AddHours(-2)), editor, MayCreateTopics: true);

        async Task<ArticleSave> ExistingAsync(string title, string slug, int round)
        {
            var input = TestArticles.Input($"{Guid.NewGuid():N}", $"{title}, tour {round}", PublisherFactory.Today.AddHours(-2));
            var created = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, editor, MayCreateTopics: true), Token);
            return new ArticleSave(created.Id, created.Revision, input with { Slug = slug }, editor);
        }
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_always_leave_one_admin()
    {
        var change = app.Services.GetRequiredService<ChangeRole>();
        var a = await CreateAccountAsync("Admin Alpha", Roles.Admin);
        var b = await CreateAccountAsync("Admin Bêta", Roles.Admin);
        Assert.Equal(2, await AdminCountAsync());

        for (var round = 0; round < Rounds; round++)
        {
            // The guard is in the update itself: the gate holds the two admins' rows.
            var (byA, byB) = await AtOnceAsync(
                () => change.ChangeAsync(a, b, Roles.Editor, Token),
                () => change.ChangeAsync(b, a, Roles.Editor, Token),
                Gated(round, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE"));

            Assert.Equal(1, await AdminCountAsync());
            Assert.Equal(new[] { RoleChange.Changed, RoleChange.Refused }, new[] { byA, byB }.Order());
            // The one left an admin makes the other an admin again, for the next round.
            var (admin, demoted) = byA == RoleChange.Changed ? (a, b) : (b, a);
            Assert.Equal(RoleChange.Changed, await change.ChangeAsync(admin, demoted, Roles.Admin, Token));
        }
    }

    [Fact]
    public async Task Two_migrators_starting_at_once_on_an_empty_database_apply_each_migration_once()
    {
        _ = app.Services;
        var migrations = DatabaseMigrator.EmbeddedFor(app.Database.Engine);
        var expectedSchema = await SchemaAsync(app.Database);

        // Fewer rounds: each brings a database of its own, and fourteen migrations where the two may collide.
        for (var round = 0; round < Rounds / 4; round++)
        {
            using var database = new TestDatabase(Path.Combine(app.DataFolder, $"migrators-{round}"), empty: true);
            await using var one = Node(database);
            await using var other = Node(database);

            var (first, second) = await AtOnceAsync(
                () => one.GetRequiredService<DatabaseMigrator>().MigrateAsync(Token),
                () => other.GetRequiredService<DatabaseMigrator>().MigrateAsync(Token));

            Assert.Equal(migrations.Count, first + second);
            await using (var connection = database.Open())
            {
                Assert.Equal(migrations.Select(migration => (long)migration.Version), await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
            }
            Assert.Equal(expectedSchema, await SchemaAsync(database));
        }
    }

    /// <summary>The gate of an even round on PostgreSQL. SQLite takes its lock at BEGIN: no writer can pass its check while another has yet to write, so there is no window to widen.</summary>
    private string? Gated(int round, string lockSql) => round % 2 == 0 && app.Database.Engine == DatabaseEngine.Postgres ? lockSql : null;

    /// <summary>
    /// Runs both writers at the same moment, each on a thread of its own (Microsoft.Data.Sqlite's async calls
    /// complete synchronously); with <paramref name="gateSql"/>, behind a <see cref="RowGate"/> holding the rows it locks.
    /// </summary>
    private async Task<(T First, T Second)> AtOnceAsync<T>(Func<Task<T>> first, Func<Task<T>> second, string? gateSql = null)
    {
        await using var gate = gateSql is null ? null : await RowGate.CloseAsync(app.Database, gateSql);
        using var start = new Barrier(2);
        var one = Task.Run(() =>
        {
            start.SignalAndWait(Token);
            return first();
        }, Token);
        var other = Task.Run(() =>
        {
            start.SignalAndWait(Token);
            return second();
        }, Token);
        if (gate is not null)
        {
            await gate.OpenWhenWaitedOnAsync(2, one, other);
        }
        var results = await Task.WhenAll(one, other);
        return (results[0], results[1]);
    }

    /// <summary>
    /// A PostgreSQL transaction of the test's own holding rows (<c>FOR UPDATE</c>) that both writers write after
    /// their checks, until both wait on a lock: with the write lock, one waits at the gate and the other for the
    /// lock; without it, both have checked before either writes.
    /// </summary>
    private sealed class RowGate : IAsyncDisposable
    {
        private const string WaitingSql = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";

        private readonly TestDatabase _database;
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;

        private RowGate(TestDatabase database, DbConnection connection, DbTransaction transaction) =>
            (_database, _connection, _transaction) = (database, connection, transaction);

        public static async Task<RowGate> CloseAsync(TestDatabase database, string lockSql)
        {
            var connection = database.Open();
            var transaction = await connection.BeginTransactionAsync(Token);
            await connection.ExecuteAsync(new CommandDefinition(lockSql, transaction: transaction, cancellationToken: Token));
            return new RowGate(database, connection, transaction);
        }

        /// <summary>Lets the writers through once <paramref name="count"/> sessions wait on a lock, or one of them has finished (refused, or failed).</summary>
        public async Task OpenWhenWaitedOnAsync(int count, params Task[] writers)
        {
            // Asked on a connection of its own: within a transaction, PostgreSQL keeps showing the first look at its activity.
            await using (var watcher = _database.Open())
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (await watcher.ExecuteScalarAsync<long>(new CommandDefinition(WaitingSql, cancellationToken: Token)) < count && !writers.Any(writer => writer.IsCompleted))
                {
                    Assert.True(DateTime.UtcNow < deadline, "the writers did not both reach the gate in 10 s");
                    await Task.Delay(2, Token);
                }
            }
            await _transaction.RollbackAsync(Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    private async Task<long> CreateAccountAsync(string name, string role) =>
        (await app.Services.GetRequiredService<CreateAccount>().CreateAsync($"{Guid.NewGuid():N}@publisher.test", name, role, AdminSession.Password, Token))!.Value;

    private async Task<long> AdminCountAsync()
    {
        await using var connection = app.Database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE role = 'admin'");
    }

    /// <summary>A second process's view of the database: its own configuration, engine and connections.</summary>
    private static ServiceProvider Node(TestDatabase database) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build())
        .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory })
        .AddSingleton(TimeProvider.System)
        .AddLogging()
        .AddPublisherData()
        .BuildServiceProvider();

    // Tables, columns and indexes, as the engine describes them.
    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var connection = database.Open();
        var sql = database.Engine == DatabaseEngine.Sqlite
            ? "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1"
            : """
              SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
              FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
              ORDER BY 1
              """;
        return [.. await connection.QueryAsync<string>(sql)];
    }
}
