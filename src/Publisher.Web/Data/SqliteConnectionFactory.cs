using Microsoft.Data.Sqlite;

namespace Publisher.Web.Data;

/// <summary>The one place connections come from: foreign keys on, a busy timeout, pooled.</summary>
public sealed class SqliteConnectionFactory
{
    public SqliteConnectionFactory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Publisher");
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = "Data Source=data/publisher.db";
        }
        var builder = new SqliteConnectionStringBuilder(configured)
        {
            ForeignKeys = true,
            Pooling = true,
            // Seconds Microsoft.Data.Sqlite keeps retrying while another connection holds the write lock.
            DefaultTimeout = 30,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource) && !builder.DataSource.StartsWith(':'))
        {
            // Relative to the app, not to wherever the command was typed.
            builder.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, builder.DataSource));
        }
        DatabasePath = builder.DataSource;
        ConnectionString = builder.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The settings every connection opens with.</summary>
    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
