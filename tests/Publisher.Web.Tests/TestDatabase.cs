using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Publisher.Tests.Hosting;
using Publisher.Web.Data;
using Publisher.Web.Data.Postgres;

namespace Publisher.Web.Tests;

/// <summary>
/// The database a test's app runs on. SQLite (a file in the test's folder) unless the environment variable
/// <c>PUBLISHER_TEST_POSTGRES</c> holds a connection string to a PostgreSQL server (<c>tests/postgres.sh start</c>
/// prints one): then a fresh database of its own, cloned from a template this process migrated once, so a test
/// class starts in milliseconds with the app's own migrations applied; dropped when disposed.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ServerVariable = "PUBLISHER_TEST_POSTGRES";

    private static readonly string? ConfiguredServer = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    // The tests that are about PostgreSQL (Nodes/) run in a plain `dotnet test` too: without a configured server,
    // one throwaway server for the whole test process, named in the variable so that the node clusters use it,
    // and stopped when the process exits.
    private static readonly Lazy<string> ThrowawayServer = new(() =>
    {
        var server = PostgresServer.StartAsync(PublisherFactory.RepositoryRoot, CancellationToken.None).GetAwaiter().GetResult();
        Environment.SetEnvironmentVariable(ServerVariable, server.ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server.ConnectionString;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Server => ConfiguredServer ?? ThrowawayServer.Value;

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _postgresName;

    /// <param name="folder">The test's folder, where a SQLite file goes.</param>
    /// <param name="engine">The engine under test when null; SQLite for the tests about SQLite files.</param>
    /// <param name="empty">A database without the migrations (PostgreSQL; a SQLite file starts empty anyway).</param>
    public TestDatabase(string folder, DatabaseEngine? engine = null, bool empty = false)
    {
        Engine = engine ?? EngineUnderTest;
        if (Engine == DatabaseEngine.Sqlite)
        {
            FilePath = Path.Combine(folder, "publisher.db");
            ConnectionString = $"Data Source={FilePath}";
            return;
        }
        _postgresName = "publisher_test_" + Guid.NewGuid().ToString("N")[..20];
        RunOnServer(empty ? $"CREATE DATABASE {_postgresName}" : $"CREATE DATABASE {_postgresName} TEMPLATE {Template.Value}");
        ConnectionString = ConnectionTo(_postgresName);
    }

    /// <summary>The engine the tests run on: SQLite, or PostgreSQL when <see cref="ServerVariable"/> is set.</summary>
    public static DatabaseEngine EngineUnderTest => ConfiguredServer is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;

    /// <summary>This database's engine.</summary>
    public DatabaseEngine Engine { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [DataServices.ProviderSetting] = Engine.ToString(),
        ["ConnectionStrings:Publisher"] = ConnectionString,
    };

    /// <summary>The same, as a process's command-line arguments.</summary>
    public string[] Arguments => [.. Settings.Select(setting => $"--{setting.Key}={setting.Value}")];

    /// <summary>A connection of the test's own, outside the app (to look at or change rows behind its back).</summary>
    public DbConnection Open()
    {
        DbConnection connection = Engine == DatabaseEngine.Sqlite
            ? new SqliteConnection(ConnectionString + ";Pooling=False")
            : new NpgsqlConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            RunOnServer($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static void RunOnServer(string sql)
    {
        using var connection = new NpgsqlConnection(Server + ";Pooling=False");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    // Migrated by the app's own migrator, once per test process; each process has its own template, so the
    // web and browser suites may run at once. The server is a throwaway: what is left goes with it.
    private static string CreateTemplate()
    {
        var name = $"publisher_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        RunOnServer($"CREATE DATABASE {name}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Publisher"] = ConnectionTo(name) + ";Pooling=False",
        }).Build();
        DateTimeOffsetHandler.Register();
        using (var database = new PostgresDatabase(configuration))
        {
            var migrator = new DatabaseMigrator(database, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);
            migrator.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunOnServer($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // The server may be gone already; it is a throwaway.
            }
        };
        return name;
    }
}
