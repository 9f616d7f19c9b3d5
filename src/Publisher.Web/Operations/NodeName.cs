namespace Publisher.Web.Operations;

/// <summary>
/// What a node is called in its logs (the <c>Node</c> property of every event, and the scheduler's lines), so
/// that an operator reading the logs of several nodes tells them apart: <c>Node:Name</c>, or else the machine's
/// name and the process id.
/// </summary>
public static class NodeName
{
    public const string Setting = "Node:Name";

    public static string Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Setting] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";
    }
}
