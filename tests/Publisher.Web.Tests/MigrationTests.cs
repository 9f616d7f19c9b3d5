using Dapper;
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
        await using var connection = app.Database.Open();
        Assert.Equal(DatabaseMigrator.EmbeddedFor(app.Database.Engine).Select(migration => (long)migration.Version), await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(12 + 2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles"));
    }
}
