using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Publisher.Web.Data;
using Publisher.Web.Operations;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Checks an e-mail and password, counting failures per e-mail address and client address together:
/// after <see cref="FailuresBeforeLockout"/> of them that client is locked out of that account for
/// <see cref="LockoutDuration"/>, while the owner signing in from elsewhere is not. Past
/// <see cref="FailuresBeforeSlowDown"/> failures from anywhere within <see cref="SlowDownWindow"/>, every
/// answer about that account waits a little longer, up to <see cref="LongestSlowDown"/>.
/// A success clears its client's count and rehashes an outdated hash.
/// </summary>
public sealed class SignInAttempt(IDatabase database, TimeProvider clock, PublisherMetrics metrics)
{
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public const int FailuresBeforeSlowDown = 10;

    public static readonly TimeSpan LongestSlowDown = TimeSpan.FromSeconds(10);

    // Longer than a lock, so that a row is only forgotten once its lock is over.
    public static readonly TimeSpan SlowDownWindow = TimeSpan.FromHours(1);

    private const string FindSql = $"SELECT {AccountQueries.Columns} FROM users WHERE email = @Email";

    // PostgreSQL sums BIGINTs as numeric: cast back, as SQLite's SUM of integers already is one.
    private const string StateSql = """
        SELECT
            (SELECT CAST(COALESCE(SUM(recent), 0) AS BIGINT) FROM sign_in_failures WHERE email = @Email AND window_started_at >= @Since) AS RecentFailures
        """;

    private sealed class State
    {
        public long RecentFailures { get; init; }
    }

    /// <summary>The account, or null: unknown address, wrong password, or a locked-out client. Callers show the same message for all three.</summary>
    public async Task<UserRow?> VerifyAsync(string email, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var key = new { Email = AccountQueries.NormalizeEmail(email ?? ""), Client = ClientKey(client) };
        // The password is checked outside the write lock: hashing is slow on purpose.
        UserRow? user;
        State state;
        var now = clock.GetUtcNow();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindSql, key, cancellationToken: cancellationToken));
            state = await connection.QuerySingleAsync<State>(new CommandDefinition(StateSql, new { key.Email, key.Client, Since = DateTimeOffsetHandler.ToText(now - SlowDownWindow) }, cancellationToken: cancellationToken));
        }
        if (SlowDown(state.RecentFailures) is { } wait)
        {
            await Task.Delay(wait, clock, cancellationToken);
            now = clock.GetUtcNow();
        }
        // The attempt is counted before the password is checked, under the write lock: attempts sent at once
        // are counted one after the other, and the one past the limit is refused without being checked.
        if (!await CountAttemptAsync(key.Email, key.Client, now, cancellationToken))
        {
            // Same work as a wrong password, so that a quick answer does not tell the lock from a failure.
            Passwords.VerifyDecoy(password);
            metrics.SignInFailed(SignInFailure.LockedOut);
            return null;
        }
        if (user is null)
        {
            // Same work and the same count as a wrong password, so that neither the time taken nor the
            // slow-down tells whether the address has an account.
            Passwords.VerifyDecoy(password);
            metrics.SignInFailed(SignInFailure.UnknownAccount);
            return null;
        }
        var result = Passwords.Verify(user, password);
        if (result == PasswordVerificationResult.Failed)
        {
            metrics.SignInFailed(SignInFailure.WrongPassword);
            return null;
        }
        await RecordSuccessAsync(user, key.Email, key.Client, result == PasswordVerificationResult.SuccessRehashNeeded ? Passwords.Hash(password) : user.PasswordHash, cancellationToken);
        return user;
    }

    /// <summary>
    /// How long an answer about an account waits, given its failures from every client in the last hour.
    /// The slow-down never refuses: whoever has the password and a client that is not locked out signs in,
    /// at worst <see cref="LongestSlowDown"/> later, however many failures others pile up. A lock counted
    /// per account, even with a high threshold, could be kept shut forever by anyone with enough addresses
    /// (an IPv6 network has billions); a bounded wait cannot. It slows a guesser who waits for each answer;
    /// one who sends many at once is held back by the per-client lock, the per-address rate limit and the
    /// password rules.
    /// </summary>
    internal static TimeSpan? SlowDown(long recentFailures) =>
        recentFailures < FailuresBeforeSlowDown
            ? null
            : TimeSpan.FromSeconds(Math.Min(LongestSlowDown.TotalSeconds, recentFailures - FailuresBeforeSlowDown + 1));

    /// <summary>
    /// The client a failure is counted for: its IPv4 address, or its IPv6 /64 network, since one machine
    /// given a /64 can pick any of its addresses and would otherwise escape the lock by changing address.
    /// </summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    // Rows older than the window are forgotten first, so that a client's count starts again after a quiet
    // hour; no lock outlives the window, which is longer than a lock.
    private const string ForgetSql = "DELETE FROM sign_in_failures WHERE last_failed_at < @Since";

    private const string LockedUntilSql = "SELECT locked_until AS LockedUntil FROM sign_in_failures WHERE email = @Email AND client = @Client";

    private const string FailureSql = """
        INSERT INTO sign_in_failures (email, client, failures, recent, last_failed_at, window_started_at, locked_until)
        VALUES (@Email, @Client, 1, 1, @Now, @Now, NULL)
        ON CONFLICT (email, client) DO UPDATE SET
            failures = CASE WHEN sign_in_failures.failures + 1 >= @Limit THEN 0 ELSE sign_in_failures.failures + 1 END,
            locked_until = CASE WHEN sign_in_failures.failures + 1 >= @Limit THEN @LockedUntil ELSE sign_in_failures.locked_until END,
            recent = CASE WHEN sign_in_failures.window_started_at < @Since THEN 1 ELSE sign_in_failures.recent + 1 END,
            window_started_at = CASE WHEN sign_in_failures.window_started_at < @Since THEN @Now ELSE sign_in_failures.window_started_at END,
            last_failed_at = @Now
        RETURNING locked_until
        """;

    /// <summary>
    /// Counts an attempt of this client on this address as a failure, which a success then clears; false,
    /// counting nothing, when the client is locked out of it.
    /// </summary>
    private async Task<bool> CountAttemptAsync(string email, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var since = DateTimeOffsetHandler.ToText(now - SlowDownWindow);
        await transaction.ExecuteAsync(ForgetSql, new { Since = since }, cancellationToken);
        var locked = await transaction.SingleOrDefaultAsync<LockRow>(LockedUntilSql, new { Email = email, Client = client }, cancellationToken);
        if (locked?.LockedUntil is { } until && until > now)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }
        var lockedUntil = DateTimeOffsetHandler.ToText(now + LockoutDuration);
        var lockedNow = await transaction.ScalarAsync<string?>(FailureSql, new
        {
            Email = email,
            Client = client,
            Now = DateTimeOffsetHandler.ToText(now),
            Since = since,
            Limit = FailuresBeforeLockout,
            LockedUntil = lockedUntil,
        }, cancellationToken) == lockedUntil;
        await transaction.CommitAsync(cancellationToken);
        if (lockedNow)
        {
            metrics.SignInLockedOut();
        }
        return true;
    }

    private sealed class LockRow
    {
        public DateTimeOffset? LockedUntil { get; init; }
    }

    // Only this client's count is cleared (the attempt that succeeded with it): the failures from elsewhere
    // still count towards the slow-down.
    private const string SuccessSql = "DELETE FROM sign_in_failures WHERE email = @Email AND client = @Client";

    private const string RehashSql = "UPDATE users SET password_hash = @PasswordHash WHERE id = @Id";

    private async Task RecordSuccessAsync(UserRow user, string email, string client, string hash, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(SuccessSql, new { Email = email, Client = client }, cancellationToken);
        if (hash != user.PasswordHash)
        {
            await transaction.ExecuteAsync(RehashSql, new { user.Id, PasswordHash = hash }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
