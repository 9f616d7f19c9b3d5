namespace Publisher.Web.Data;

/// <summary>What a backup or a restore did, in sentences for the operator who typed it.</summary>
public sealed record BackupReport(bool Succeeded, IReadOnlyList<string> Lines)
{
    public static BackupReport Failed(string line) => new(false, [line]);
}

/// <summary>Copies of the whole database, as the engine makes them: taken while the site serves, put back with it stopped.</summary>
public interface IDatabaseBackups
{
    /// <summary>Writes a consistent copy to <paramref name="target"/>, checked before it is reported done; never overwrites a file.</summary>
    Task<BackupReport> BackupAsync(string target, CancellationToken cancellationToken);

    /// <summary>Replaces the database by the backup at <paramref name="source"/>, keeping the replaced one; refuses while another process uses it.</summary>
    Task<BackupReport> RestoreAsync(string source, CancellationToken cancellationToken);
}
