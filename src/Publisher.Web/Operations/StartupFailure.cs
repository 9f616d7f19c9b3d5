using Publisher.Web.Data;

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

    /// <summary>The database's own explanation first, then what any process meets: the disk, the port.</summary>
    public static string? Explain(Exception exception, IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(database);
        return database.ExplainStartupFailure(exception) ?? exception switch
        {
            IOException { HResult: var code } when (code & 0xFFFF) == NoSpaceLeftOnDevice => $"the disk is full ({exception.Message})",
            IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } => $"the address the site listens on is already in use ({exception.Message}); stop the other process or set --urls",
            IOException => $"a file or folder the site needs cannot be used: {exception.Message}",
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Publisher cannot start: {Reason}")]
    public static partial void LogCannotStart(ILogger logger, string reason);
}
