namespace Publisher.Web.Commands;

/// <summary>A maintenance command typed after <c>dotnet run --</c>, such as <c>import content</c>.</summary>
/// <param name="Name">The command's name.</param>
/// <param name="Arguments">Its positional arguments.</param>
public sealed record CliCommand(string Name, IReadOnlyList<string> Arguments)
{
    public static readonly IReadOnlyList<string> Names = ["import", "reindex"];

    /// <summary>
    /// Splits the process arguments: a known command name first, its positional arguments, and the
    /// <c>--Key=value</c> options, which stay configuration for the host as usual.
    /// </summary>
    public static (CliCommand? Command, string[] HostArguments) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Names.Contains(args[0]))
        {
            return (null, args);
        }
        var positional = args.Skip(1).Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToList();
        var options = args.Skip(1).Where(arg => arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return (new CliCommand(args[0], positional), options);
    }
}
