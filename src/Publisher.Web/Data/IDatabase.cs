using System.Data.Common;

namespace Publisher.Web.Data;

/// <summary>
/// The one seam to the database engine: everything outside <c>Data/</c> reads and writes through it and
/// never learns which engine runs. Each engine gives the same single-writer guarantee, so a write that
/// reads, checks, then writes (a revision conflict, a taken address, the last admin) stays correct.
/// </summary>
public interface IDatabase
{
    /// <summary>The engine behind the seam; only <c>Data/</c> reads it (the migrations' folder, the engine's SQL text).</summary>
    DatabaseEngine Engine { get; }

    /// <summary>Where the data lives, for an operator's message (a file path, a server and a database).</summary>
    string Location { get; }

    /// <summary>The text of <paramref name="statement"/> for the running engine.</summary>
    string Text(EngineSql statement) => statement.For(Engine);

    /// <summary>An open connection for reading; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction that holds the engine's write lock from its first statement to its end.</summary>
    Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>Creates what the engine needs before the first migration (a file's folder, its journal mode).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>True for an error that waiting and trying again may cure: a lock held too long, a lost connection, a full or failing disk; false for one that says the data or the SQL is wrong.</summary>
    bool IsTransient(Exception exception);

    /// <summary>One sentence an operator can act on when the database keeps the site from starting; null when the error is not the database's.</summary>
    string? ExplainStartupFailure(Exception exception);

    /// <summary>Tells other processes this one uses the database until disposed; a restore waits for none to.</summary>
    IDisposable HoldInUse();

    /// <summary>The lease if no other process holds it, at once; null when one does.</summary>
    Task<IHeldLease?> TryTakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken);

    /// <summary>The lease, once the process holding it lets it go.</summary>
    Task<IHeldLease> TakeLeaseAsync(DatabaseLease lease, CancellationToken cancellationToken);
}
