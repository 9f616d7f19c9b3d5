using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>« Se déconnecter partout »: every session of the account ends, this one included, with its journal line.</summary>
public sealed class EndAllSessions(IDatabase database, TimeProvider clock)
{
    public async Task EndAllAsync(long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await AdminSessions.RevokeAsync(transaction, userId, keepId: null, now, cancellationToken);
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.SignedOutEverywhere, null, ""), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
