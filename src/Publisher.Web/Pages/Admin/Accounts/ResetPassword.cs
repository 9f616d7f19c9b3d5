using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// An operator sets an account's password from the command line (forgotten or leaked): every session of the
/// account ends with it, and the journal says so.
/// </summary>
public sealed class ResetPassword(IDatabase database, TimeProvider clock)
{
    private const string ResetSql = "UPDATE users SET password_hash = @PasswordHash WHERE email = @Email RETURNING id";

    /// <summary>False when no account has this address. The password must already satisfy <see cref="PasswordRules"/>.</summary>
    public async Task<bool> ResetAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = Passwords.Hash(password);
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ScalarAsync<long?>(ResetSql, new { Email = AccountQueries.NormalizeEmail(email), PasswordHash = hash }, cancellationToken) is not { } userId)
        {
            return false;
        }
        await AdminSessions.RevokeAsync(transaction, userId, keepId: null, now, cancellationToken);
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.PasswordReset, null, ""), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
