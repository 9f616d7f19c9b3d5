using Dapper;
using Publisher.Web.Data;
using Publisher.Web.Operations;

namespace Publisher.Web.Commands;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent copy of the database while the site goes on serving (SQLite's
/// <c>VACUUM INTO</c> reads one snapshot), checked before the command says it is done. Never overwrites a file.
/// </summary>
public sealed class BackupCommand(SqliteConnectionFactory connections)
{
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (arguments.Count != 1)
        {
            await errors.WriteLineAsync("Usage: dotnet run --project src/Publisher.Web -- backup <file>");
            return 2;
        }
        var target = Path.GetFullPath(arguments[0]);
        if (File.Exists(target))
        {
            await errors.WriteLineAsync($"'{target}' exists already: a backup never overwrites a file; choose a new name.");
            return 1;
        }
        if (!File.Exists(connections.DatabasePath))
        {
            await errors.WriteLineAsync($"There is no database at '{connections.DatabasePath}' to back up.");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @Target", new { Target = target }, cancellationToken: cancellationToken));
        }
        var report = await DatabaseFileReport.ReadAsync(target, cancellationToken);
        if (!report.IsSound)
        {
            File.Delete(target);
            await errors.WriteLineAsync($"The backup failed its check and was deleted: {report.Problem}");
            return 1;
        }
        await output.WriteLineAsync($"Backup written to {target}: {report.Articles} articles, schema {report.SchemaVersion}, {new FileInfo(target).Length:N0} bytes, integrity ok.");
        return 0;
    }
}
