using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Whether a session presented by a cookie is still open, and the role its account has now; notes when it
/// was last used, at most once a minute.
/// </summary>
public sealed partial class CheckSession(IDatabase database, TimeProvider clock, ILogger<CheckSession> logger)
{
    private sealed class SessionRow
    {
        public long UserId { get; init; }
        public string Role { get; init; } = "";
        public DateTimeOffset LastSeenAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    private const string FindSql = """
        SELECT s.user_id AS UserId, u.role AS Role, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt, s.revoked_at AS RevokedAt
        FROM admin_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = @IdHash
        """;

    private const string SeenSql = "UPDATE admin_sessions SET last_seen_at = @Now WHERE id_hash = @IdHash AND revoked_at IS NULL";

    /// <summary>The account's current role while the session is open; null when it is unknown, ended or past its lifetime.</summary>
    public async Task<string?> RoleAsync(string id, long userId, CancellationToken cancellationToken)
    {
        var idHash = AdminSessions.Hash(id);
        SessionRow? session;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            session = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(FindSql, new { IdHash = idHash }, cancellationToken: cancellationToken));
        }
        var now = clock.GetUtcNow();
        if (session is null || session.UserId != userId || now >= session.ExpiresAt)
        {
            return null;
        }
        if (session.RevokedAt is { } revokedAt)
        {
            // The cookie of an ended session is still in use somewhere: a copy kept after signing out, or a
            // browser that was signed out everywhere.
            LogEndedSessionUsed(logger, userId, revokedAt);
            return null;
        }
        if (now - session.LastSeenAt >= AdminSessions.SeenEvery)
        {
            await NoteSeenAsync(idHash, now, cancellationToken);
        }
        return session.Role;
    }

    private async Task NoteSeenAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await database.BeginWriteAsync(cancellationToken);
            await transaction.ExecuteAsync(SeenSql, new { IdHash = idHash, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (database.IsTransient(exception))
        {
            // Only the clean-up of idle rows reads last_seen_at, and a minute later is as good: a database
            // busy elsewhere must not turn an editor's page into an error.
            LogSeenNotNoted(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session's last use could not be noted; it will be at the next request")]
    private static partial void LogSeenNotNoted(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session of account {UserId} ended at {RevokedAt} was presented again; refused")]
    private static partial void LogEndedSessionUsed(ILogger logger, long userId, DateTimeOffset revokedAt);
}
