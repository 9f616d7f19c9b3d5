using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Journal;

public sealed class AuditRow
{
    public DateTimeOffset At { get; init; }
    public string? UserName { get; init; }
    public string Action { get; init; } = "";
    public long? ArticleId { get; init; }
    public string ArticleTitle { get; init; } = "";
}

public sealed class AuditQueries(IDatabase database)
{
    public const int Size = 200;

    private const string LatestSql = """
        SELECT l.at AS At, u.display_name AS UserName, l.action AS Action, l.article_id AS ArticleId, l.article_title AS ArticleTitle
        FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
        ORDER BY l.at DESC, l.id DESC
        LIMIT @Size
        """;

    /// <summary>The latest lines of the audit log, newest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditRow>(new CommandDefinition(LatestSql, new { Size }, cancellationToken: cancellationToken))).AsList();
    }
}
