using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

public enum RoleChange
{
    Changed,

    /// <summary>No such account, or the change would leave the site without an admin.</summary>
    Refused,

    /// <summary>An admin may not change their own role: the site would risk having no admin left.</summary>
    OwnAccount,
}

/// <summary>An admin gives an account another role; the account's sessions end with the change, so it signs in again under its new role.</summary>
public sealed class ChangeRole(IDatabase database, TimeProvider clock)
{
    // The last-admin guard is in the statement itself, under the write lock, so that two admins demoting
    // each other at once cannot leave the site without one.
    private const string ChangeSql = """
        UPDATE users SET role = @Role
        WHERE id = @Id
          AND (@Role = 'admin' OR role <> 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin') > 1)
        """;

    public async Task<RoleChange> ChangeAsync(long adminId, long accountId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role");
        }
        if (accountId == adminId)
        {
            return RoleChange.OwnAccount;
        }
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (await transaction.ExecuteAsync(ChangeSql, new { Id = accountId, Role = role }, cancellationToken) == 0)
        {
            return RoleChange.Refused;
        }
        await AdminSessions.RevokeAsync(transaction, accountId, keepId: null, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RoleChange.Changed;
    }
}
