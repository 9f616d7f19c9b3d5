using System.Security.Claims;
using System.Security.Cryptography;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// What every session action shares: the session's id in the cookie, its hash in <c>admin_sessions</c>, and
/// the one statement that ends a user's sessions, run inside the caller's transaction.
/// </summary>
public static class AdminSessions
{
    /// <summary>The claim that carries the session's random id inside the (protected) sign-in cookie.</summary>
    public const string ClaimType = "publisher:session";

    /// <summary>How long an unused session lasts: the cookie's sliding expiry.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>A session is seen again at most this often, so that using one is not a write per request.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(1);

    /// <summary>A new session id: 256 random bits.</summary>
    public static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The id as the table keeps it: its SHA-256, so a copy of the table signs nobody in.</summary>
    public static string Hash(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
    }

    /// <summary>The signed-in session's id, or null for a principal without one.</summary>
    public static string? Id(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimType);
    }

    private const string RevokeSql = """
        UPDATE admin_sessions SET revoked_at = @Now
        WHERE user_id = @UserId AND revoked_at IS NULL AND (@KeepHash IS NULL OR id_hash <> @KeepHash)
        """;

    /// <summary>Ends every session of the account, except the one whose id is <paramref name="keepId"/> when given.</summary>
    public static Task<int> RevokeAsync(WriteTransaction transaction, long userId, string? keepId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteAsync(RevokeSql, new { UserId = userId, KeepHash = keepId is null ? null : Hash(keepId), Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken);
    }
}
