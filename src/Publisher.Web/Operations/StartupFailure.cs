using Microsoft.Data.Sqlite;

namespace Publisher.Web.Operations;

/// <summary>
/// Turns what stops the site from starting (the database file, its folder, the disk, the port) into one
/// sentence an operator can act on, instead of a stack trace. Anything else is a bug and keeps its trace.
/// </summary>
public static partial class StartupFailure
{
    /// <summary>The process's exit code when it could not start.</summary>
    public const int ExitCode = 3;

    private const int NoSpaceLeftOnDevice = 28;

    public static string? Explain(Exception exception, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var folder = Path.GetDirectoryName(databasePath);
        return exception switch
        {
            SqliteException { SqliteErrorCode: 26 } => $"the database file '{databasePath}' is not a SQLite database, or its first page is damaged; restore a backup (docs/operations.md)",
            SqliteException { SqliteErrorCode: 11 } => $"the database file '{databasePath}' is damaged ({exception.Message}); restore a backup (docs/operations.md)",
            SqliteException { SqliteErrorCode: 14 } => $"the database file '{databasePath}' cannot be opened: check that its folder exists and that this process may read and write it",
            SqliteException { SqliteErrorCode: 8 } => $"the database file '{databasePath}' or its folder is read-only for this process: the site writes to it",
            SqliteException { SqliteErrorCode: 13 } => $"the disk holding '{databasePath}' is full",
            SqliteException { SqliteErrorCode: 10 } => $"the disk returned an error reading or writing '{databasePath}' ({exception.Message})",
            UnauthorizedAccessException => $"this process may not write where the site keeps its data ({exception.Message}); the folder '{folder}' must be writable",
            IOException { HResult: var code } when (code & 0xFFFF) == NoSpaceLeftOnDevice => $"the disk is full ({exception.Message})",
            IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } => $"the address the site listens on is already in use ({exception.Message}); stop the other process or set --urls",
            IOException => $"a file or folder the site needs cannot be used: {exception.Message}",
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Publisher cannot start: {Reason}")]
    public static partial void LogCannotStart(ILogger logger, string reason);
}
