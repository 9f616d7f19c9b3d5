using Microsoft.Extensions.Options;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Records a new session when the sign-in cookie is issued, ends the one it replaces in the same browser,
/// and clears out sessions whose cookie can no longer be valid.
/// </summary>
public sealed class StartSession(IDatabase database, TimeProvider clock, IOptions<AdminOptions> options)
{
    // A cookie is renewed only by a request, and a request refreshes last_seen_at at most a minute late: a
    // row unseen for longer than the idle timeout plus that minute has no valid cookie left.
    private const string PruneSql = "DELETE FROM admin_sessions WHERE expires_at <= @Now OR last_seen_at < @IdleSince";

    private const string ReplaceSql = "UPDATE admin_sessions SET revoked_at = @Now WHERE id_hash = @IdHash AND revoked_at IS NULL";

    private const string InsertSql = """
        INSERT INTO admin_sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
        VALUES (@IdHash, @UserId, @Now, @Now, @ExpiresAt)
        """;

    /// <summary>The new session's id, for the cookie; <paramref name="replacedId"/> is the browser's previous session, if any.</summary>
    public async Task<string> StartAsync(long userId, string? replacedId, CancellationToken cancellationToken)
    {
        var id = AdminSessions.NewId();
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(PruneSql, new
        {
            Now = DateTimeOffsetHandler.ToText(now),
            IdleSince = DateTimeOffsetHandler.ToText(now - AdminSessions.IdleTimeout - AdminSessions.SeenEvery),
        }, cancellationToken);
        if (replacedId is not null)
        {
            await transaction.ExecuteAsync(ReplaceSql, new { IdHash = AdminSessions.Hash(replacedId), Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken);
        }
        await transaction.ExecuteAsync(InsertSql, new
        {
            IdHash = AdminSessions.Hash(id),
            UserId = userId,
            Now = DateTimeOffsetHandler.ToText(now),
            ExpiresAt = DateTimeOffsetHandler.ToText(now + options.Value.SessionLifetime),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
