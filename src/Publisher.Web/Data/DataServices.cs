using Publisher.Web.Data.Postgres;
using Publisher.Web.Data.Sqlite;

namespace Publisher.Web.Data;

public static class DataServices
{
    /// <summary>The setting that chooses the engine: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The database: the engine behind <see cref="IDatabase"/> that <c>Database:Provider</c> names, the readers' sessions, backups, the notices between nodes, the migrator, Dapper's type handlers.</summary>
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
        services.AddSingleton<SingleNodeNotices>();
        services.AddSingleton<PostgresNotices>();
        services.AddSingleton<INodeNotices>(provider => provider.GetRequiredService<IDatabase>().Engine == DatabaseEngine.Postgres
            ? provider.GetRequiredService<PostgresNotices>()
            : provider.GetRequiredService<SingleNodeNotices>());
        // Listening starts with the site (the commands beside it only send).
        services.AddSingleton<IHostedService>(provider => (IHostedService)provider.GetRequiredService<INodeNotices>());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// An engine over a database other than the site's own (copy-to's target), as <see cref="AddPublisherData"/>
    /// would build it for these settings; a relative SQLite path is taken from the app's folder. The caller
    /// disposes it when it is disposable.
    /// </summary>
    /// <exception cref="DatabaseSettingException">The connection string cannot work for that engine.</exception>
    public static IDatabase Create(DatabaseEngine engine, string connectionString, IHostEnvironment environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Publisher"] = connectionString })
            .Build();
        try
        {
            return engine == DatabaseEngine.Postgres ? new PostgresDatabase(configuration) : new SqliteDatabase(configuration, environment);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseSettingException($"the connection string is not one {engine} reads ({e.Message})");
        }
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
