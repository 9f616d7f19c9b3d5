using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// ASP.NET Core's data-protection key ring (what signs the sign-in cookie and the forms' anti-forgery tokens)
/// kept in the database: every node behind a load balancer reads the same keys, and a backup or a copy-to
/// carries them. While the table is empty, the keys of the folder earlier releases used
/// (<see cref="AdminOptions.KeysPath"/>) are imported, once, so that upgrading signs nobody out.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous, so these calls block on the connection's opening and their
/// statements. That is rare: the key manager reads the ring at start-up, then keeps it in memory and reads it
/// again about once a day or after it stores a key (once every 90 days or so). No write lock: storing is one
/// insert that ignores a name already there, which is right whichever of two nodes storing at once comes first,
/// and SQLite makes a writer wait for the other as it does for any statement.
/// </remarks>
public sealed partial class DataProtectionKeys(IDatabase database, TimeProvider clock, string formerFolder, ILogger<DataProtectionKeys> logger) : IXmlRepository
{
    private const string AllSql = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";

    // A name is a key's id or a revocation's instant: two nodes storing the same one store the same thing.
    private const string StoreSql = """
        INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt)
        ON CONFLICT (name) DO NOTHING
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        var stored = connection.Query<string>(AllSql).AsList();
        if (stored.Count == 0 && ImportFormerFolder(connection) > 0)
        {
            stored = connection.Query<string>(AllSql).AsList();
        }
        return [.. stored.Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = Open();
        connection.Execute(StoreSql, Row(string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString() : friendlyName, element, clock.GetUtcNow()));
    }

    // All the folder's files or none, so that a start stopped halfway leaves the table empty and tries again.
    private int ImportFormerFolder(DbConnection connection)
    {
        if (!Directory.Exists(formerFolder))
        {
            return 0;
        }
        var files = Directory.GetFiles(formerFolder, "*.xml");
        if (files.Length == 0)
        {
            return 0;
        }
        using var transaction = connection.BeginTransaction();
        foreach (var file in files)
        {
            connection.Execute(StoreSql, Row(Path.GetFileNameWithoutExtension(file), XElement.Load(file), File.GetLastWriteTimeUtc(file)), transaction);
        }
        transaction.Commit();
        LogImported(logger, files.Length, formerFolder);
        return files.Length;
    }

    private static object Row(string name, XElement element, DateTimeOffset createdAt) =>
        new { Name = name, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = DateTimeOffsetHandler.ToText(createdAt) };

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} data-protection keys from {Folder} into the database; the folder is not read any more")]
    private static partial void LogImported(ILogger logger, int count, string folder);

    private DbConnection Open() => database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
}
