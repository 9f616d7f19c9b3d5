using Dapper;
using Microsoft.AspNetCore.Identity;
using Publisher.Web.Data;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Accounts;

public enum PasswordChange
{
    Changed,

    /// <summary>The current password given is not the account's.</summary>
    WrongPassword,

    /// <summary>The account is gone, or its password changed since it was read.</summary>
    Refused,
}

/// <summary>
/// A signed-in person changes their own password: the current one is required, and every other session of
/// the account ends, so that whoever else held one is out; the session that made the change stays open.
/// </summary>
public sealed class ChangePassword(IDatabase database, TimeProvider clock)
{
    private const string FindSql = $"SELECT {AccountQueries.Columns} FROM users WHERE id = @Id";

    // Only if the hash is still the one checked: a change made meanwhile elsewhere is not overwritten.
    private const string ChangeSql = "UPDATE users SET password_hash = @NewHash WHERE id = @Id AND password_hash = @OldHash";

    /// <summary>The new password must already satisfy <see cref="PasswordRules"/>.</summary>
    public async Task<PasswordChange> ChangeAsync(long userId, string? sessionId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        UserRow? user;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindSql, new { Id = userId }, cancellationToken: cancellationToken));
        }
        if (user is null)
        {
            return PasswordChange.Refused;
        }
        // Hashing is slow on purpose: both happen before the write lock.
        if (Passwords.Verify(user, currentPassword) == PasswordVerificationResult.Failed)
        {
            return PasswordChange.WrongPassword;
        }
        var newHash = Passwords.Hash(newPassword);
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ExecuteAsync(ChangeSql, new { Id = userId, NewHash = newHash, OldHash = user.PasswordHash }, cancellationToken) == 0)
        {
            return PasswordChange.Refused;
        }
        await AdminSessions.RevokeAsync(transaction, userId, keepId: sessionId, now, cancellationToken);
        await AuditLog.WriteAsync(transaction, new AuditEntry(now, userId, AuditLog.PasswordChanged, null, ""), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PasswordChange.Changed;
    }
}
