namespace Publisher.Web.Operations;

/// <summary>A maintenance command typed after <c>dotnet run --</c>, such as <c>import content</c>.</summary>
/// <param name="Name">The command's name.</param>
/// <param name="Arguments">Its positional arguments.</param>
/// <param name="Options">Its own options (<c>--name Alice</c>), by name without the dashes.</param>
public sealed record CliCommand(string Name, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Each command and the options it reads itself; any other <c>--Key value</c> is configuration for the host.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Known = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["backup"] = [],
        [CopyToCommand.Name] = CopyToCommand.Options,
        ["import"] = [],
        ["migrate"] = [],
        ["reindex"] = [],
        ["restore"] = [],
        ["user"] = ["name", "role"],
    };

    /// <summary>Splits the process arguments into a known command, its arguments and options, and the host's configuration.</summary>
    public static (CliCommand? Command, string[] HostArguments) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Known.TryGetValue(args[0], out var ownOptions))
        {
            return (null, args);
        }
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            var (key, value) = arg.IndexOf('=', StringComparison.Ordinal) is var equals and > 0 ? (arg[2..equals], arg[(equals + 1)..]) : (arg[2..], (string?)null);
            if (value is null && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            if (ownOptions.Contains(key))
            {
                options[key] = value ?? "";
            }
            else
            {
                host.Add($"--{key}={value}");
            }
        }
        return (new CliCommand(args[0], positional, options), [.. host]);
    }
}
