using Publisher.Web.Data.Sqlite;

namespace Publisher.Web.Data;

public static class DataServices
{
    /// <summary>The database: the engine behind <see cref="IDatabase"/>, the readers' prepared sessions, the migrator, Dapper's type handlers.</summary>
    public static IServiceCollection AddPublisherData(this IServiceCollection services)
    {
        DateTimeOffsetHandler.Register();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IDatabase>(provider => provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IReadSessions, SqliteReadSessions>();
        services.AddSingleton<IDatabaseBackups, SqliteBackups>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
