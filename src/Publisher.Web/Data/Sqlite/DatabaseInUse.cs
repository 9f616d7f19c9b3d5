namespace Publisher.Web.Data.Sqlite;

/// <summary>
/// A lock file beside the database (<c>publisher.db.in-use</c>): every Publisher process holds it shared while
/// it runs (the site, an import, a backup), and a restore needs it alone. SQLite's own locks cannot tell: an
/// idle site holds none.
/// </summary>
public static class DatabaseInUse
{
    public static string LockPath(string databasePath) => databasePath + ".in-use";

    /// <summary>Held until disposed; several processes may hold it at once. Creates the database's folder.</summary>
    public static FileStream HoldShared(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        return new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Held alone until disposed, or null when another process holds it.</summary>
    public static FileStream? TryHoldAlone(string databasePath)
    {
        try
        {
            return new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
