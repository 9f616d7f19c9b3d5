using Publisher.Web.Data.Postgres;
using Publisher.Web.Data.Sqlite;

namespace Publisher.Web.Data;

public static class DataServices
{
    /// <summary>The setting that chooses the engine: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The database: the engine behind <see cref="IDatabase"/> that <c>Database:Provider</c> names, the readers' sessions, backups, the migrator, Dapper's type handlers.</summary>
    public static IServiceCollection AddPublisherData(this IServiceCollection services)
    {
        DateTimeOffsetHandler.Register();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteReadSessions>();
        services.AddSingleton<SqliteBackups>();
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<PostgresReadSessions>();
        services.AddSingleton<PostgresBackups>();
        // The setting is read when the database is first asked for, not here: the configuration is only
        // complete once the host is built (a test's or a command line's settings come last).
        services.AddSingleton<IDatabase>(provider => EngineOf(provider.GetRequiredService<IConfiguration>()) == DatabaseEngine.Postgres
            ? provider.GetRequiredService<PostgresDatabase>()
            : provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IReadSessions>(provider => provider.GetRequiredService<IDatabase>().Engine == DatabaseEngine.Postgres
            ? provider.GetRequiredService<PostgresReadSessions>()
            : provider.GetRequiredService<SqliteReadSessions>());
        services.AddSingleton<IDatabaseBackups>(provider => provider.GetRequiredService<IDatabase>().Engine == DatabaseEngine.Postgres
            ? provider.GetRequiredService<PostgresBackups>()
            : provider.GetRequiredService<SqliteBackups>());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    private static DatabaseEngine EngineOf(IConfiguration configuration) =>
        EngineOf(configuration[ProviderSetting])
        ?? throw new DatabaseSettingException($"{ProviderSetting} is '{configuration[ProviderSetting]}': it must be Sqlite (the default) or Postgres");

    /// <summary>The engine a <c>Database:Provider</c> value names; null for a value that names none.</summary>
    public static DatabaseEngine? EngineOf(string? provider) => provider?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseEngine.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseEngine.Postgres,
        _ => null,
    };
}
