using Publisher.Web.Data.Postgres;
using Publisher.Web.Data.Sqlite;

namespace Publisher.Web.Data;

public static class DataServices
{
    /// <summary>The setting that chooses the engine: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The database: the engine behind <see cref="IDatabase"/> that <c>Database:Provider</c> names, the readers' sessions, backups, the migrator, Dapper's type handlers.</summary>
    public static IServiceCollection AddPublisherData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        DateTimeOffsetHandler.Register();
        switch (EngineOf(configuration[ProviderSetting]))
        {
            case DatabaseEngine.Postgres:
                services.AddSingleton<PostgresDatabase>();
                services.AddSingleton<IDatabase>(provider => provider.GetRequiredService<PostgresDatabase>());
                services.AddSingleton<IReadSessions, PostgresReadSessions>();
                services.AddSingleton<IDatabaseBackups, PostgresBackups>();
                break;
            case DatabaseEngine.Sqlite:
                services.AddSingleton<SqliteDatabase>();
                services.AddSingleton<IDatabase>(provider => provider.GetRequiredService<SqliteDatabase>());
                services.AddSingleton<IReadSessions, SqliteReadSessions>();
                services.AddSingleton<IDatabaseBackups, SqliteBackups>();
                break;
            default:
                // Resolved at start-up, where the one-line explanation is written.
                var message = $"{ProviderSetting} is '{configuration[ProviderSetting]}': it must be Sqlite (the default) or Postgres";
                services.AddSingleton<IDatabase>(_ => throw new DatabaseSettingException(message));
                break;
        }
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>The engine a <c>Database:Provider</c> value names; null for a value that names none.</summary>
    public static DatabaseEngine? EngineOf(string? provider) => provider?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseEngine.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseEngine.Postgres,
        _ => null,
    };
}
