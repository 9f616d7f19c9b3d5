using Dapper;
using Microsoft.AspNetCore.Identity;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Checks an e-mail and password, counting failures: an account locks after <see cref="FailuresBeforeLockout"/>
/// of them, for <see cref="LockoutDuration"/>. A success clears the count and rehashes an outdated hash.
/// </summary>
public sealed class SignInAttempt(IDatabase database, TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private const string FindSql = $"SELECT {AccountQueries.Columns} FROM users WHERE email = @Email";

    private const string FailureSql = """
        UPDATE users
        SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @Limit THEN 0 ELSE failed_sign_ins + 1 END,
            locked_until = CASE WHEN failed_sign_ins + 1 >= @Limit THEN @LockedUntil ELSE locked_until END
        WHERE id = @Id
        """;

    private const string SuccessSql = "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, password_hash = @PasswordHash WHERE id = @Id";

    /// <summary>The account, or null: unknown address, wrong password, or a locked account. Callers show the same message for all three.</summary>
    public async Task<UserRow?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        // The password is checked outside the write lock: hashing is slow on purpose.
        UserRow? user;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindSql, new { Email = AccountQueries.NormalizeEmail(email ?? "") }, cancellationToken: cancellationToken));
        }
        var now = clock.GetUtcNow();
        if (user is null || user.LockedUntil is { } until && until > now)
        {
            // Same work as a wrong password, so that a quick answer does not tell the account exists.
            Passwords.VerifyDecoy(password);
            return null;
        }
        var result = Passwords.Verify(user, password);
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        if (result == PasswordVerificationResult.Failed)
        {
            await transaction.ExecuteAsync(FailureSql, new { user.Id, Limit = FailuresBeforeLockout, LockedUntil = DateTimeOffsetHandler.ToText(now + LockoutDuration) }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        var hash = result == PasswordVerificationResult.SuccessRehashNeeded ? Passwords.Hash(password) : user.PasswordHash;
        await transaction.ExecuteAsync(SuccessSql, new { user.Id, PasswordHash = hash }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
