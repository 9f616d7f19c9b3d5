using Publisher.Web.Data;

namespace Publisher.Web.Operations;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent, checked copy of the database while the site goes on serving.
/// <c>restore &lt;file&gt;</c>: puts a backup back in place of the database, with the site stopped; the backup
/// is checked first (nothing is touched if it is not a sound Publisher database of this version or older),
/// the database it replaces is kept beside it, and an older backup is then migrated to this version.
/// </summary>
public sealed class BackupCommands(IDatabaseBackups backups)
{
    public const string Backup = "backup";

    public const string Restore = "restore";

    private static readonly Dictionary<string, string> Usages = new(StringComparer.Ordinal)
    {
        [Backup] = "Usage: dotnet run --project src/Publisher.Web -- backup <file>",
        [Restore] = "Usage: dotnet run --project src/Publisher.Web -- restore <file>   (stop the site first)",
    };

    /// <summary>2 for a wrong command line, 1 when the work was refused or failed, 0 when done.</summary>
    public async Task<int> RunAsync(string command, IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (arguments.Count != 1)
        {
            await errors.WriteLineAsync(Usages[command]);
            return 2;
        }
        var file = Path.GetFullPath(arguments[0]);
        var report = command == Backup ? await backups.BackupAsync(file, cancellationToken) : await backups.RestoreAsync(file, cancellationToken);
        foreach (var line in report.Lines)
        {
            await (report.Succeeded ? output : errors).WriteLineAsync(line);
        }
        return report.Succeeded ? 0 : 1;
    }
}
