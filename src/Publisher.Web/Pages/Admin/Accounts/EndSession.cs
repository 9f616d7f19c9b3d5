using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>Signing out: this browser's session ends on the server, so a copy of its cookie is worth nothing.</summary>
public sealed class EndSession(IDatabase database, TimeProvider clock)
{
    private const string EndSql = "UPDATE admin_sessions SET revoked_at = @Now WHERE id_hash = @IdHash AND revoked_at IS NULL";

    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(EndSql, new { IdHash = AdminSessions.Hash(id), Now = DateTimeOffsetHandler.ToText(clock.GetUtcNow()) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
