namespace Publisher.Web.Data;

/// <summary>The engines Publisher runs on, chosen by the <c>Database:Provider</c> setting.</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A statement whose text must differ between the engines (full-text search, JSON aggregation, index hints,
/// case-insensitive matching), both texts kept next to the method that runs it. The seam picks the one for the
/// running engine (<see cref="IDatabase.Text"/>, <see cref="WriteTransaction"/>, <see cref="IReadSessions"/>), so
/// the caller never asks which engine runs. Everything else is written once, in SQL both engines accept.
/// </summary>
public sealed record EngineSql(string Sqlite, string Postgres)
{
    public string For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => Sqlite,
        DatabaseEngine.Postgres => Postgres,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown database engine."),
    };
}

/// <summary>A database setting that cannot work, said in one line naming the setting; the site does not start.</summary>
public sealed class DatabaseSettingException(string message) : Exception(message);
