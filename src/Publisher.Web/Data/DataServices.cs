namespace Publisher.Web.Data;

public static class DataServices
{
    /// <summary>The SQLite database: one connection factory, the readers' prepared sessions, the migrator, Dapper's type handlers.</summary>
    public static IServiceCollection AddPublisherData(this IServiceCollection services)
    {
        DateTimeOffsetHandler.Register();
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<ReadSessions>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
