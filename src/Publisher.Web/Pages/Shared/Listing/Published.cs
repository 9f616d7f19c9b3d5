using System.Data;
using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>What readers may see: the one definition, shared by every public query.</summary>
public static class Published
{
    /// <summary>
    /// A scheduled article is listed once its time has come, even before the background service marks it
    /// published; a deleted one never is. The status test is written exactly as in the partial indexes so
    /// that SQLite uses them. Needs the parameter <c>@Now</c>.
    /// </summary>
    public const string Filter = "a.status IN ('published', 'scheduled') AND a.published_at <= @Now AND a.deleted_at IS NULL";

    private const string NextScheduledSql = """
        SELECT MIN(a.published_at)
        FROM articles a
        WHERE a.status IN ('published', 'scheduled') AND a.published_at > @Now AND a.deleted_at IS NULL
        """;

    /// <summary>When the next scheduled article goes live, if one is waiting: what readers see changes then.</summary>
    public static async Task<DateTimeOffset?> NextScheduledAsync(IDbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(NextScheduledSql, new { Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken));
        return next is null ? null : DateTimeOffsetHandler.FromText(next);
    }
}
