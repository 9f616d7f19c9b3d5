namespace Publisher.Web.Data.Postgres;

/// <summary>
/// PostgreSQL has its own tools for copies of a database, made for it and known to its operators:
/// <c>pg_dump</c> while the site serves and <c>pg_restore</c> with it stopped. The commands say so
/// rather than half-doing it (docs/operations.md, « Backups on PostgreSQL »).
/// </summary>
public sealed class PostgresBackups(PostgresDatabase database) : IDatabaseBackups
{
    public Task<BackupReport> BackupAsync(string target, CancellationToken cancellationToken) =>
        Task.FromResult(BackupReport.Failed(
            $"backup copies a SQLite file; {database.Location} is backed up with PostgreSQL's own tool, while the site serves: pg_dump --format=custom --file={target} <database> (docs/operations.md, « Backups on PostgreSQL »)."));

    public Task<BackupReport> RestoreAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult(BackupReport.Failed(
            $"restore replaces a SQLite file; {database.Location} is restored with PostgreSQL's own tool, every node stopped: pg_restore --clean --if-exists --dbname=<database> {source} (docs/operations.md, « Backups on PostgreSQL »)."));
}
