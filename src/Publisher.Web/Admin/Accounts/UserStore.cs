using Dapper;
using Microsoft.AspNetCore.Identity;
using Publisher.Web.Data;

namespace Publisher.Web.Admin.Accounts;

public sealed class UserRow
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>Accounts in SQLite; passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</summary>
public sealed class UserStore(SqliteConnectionFactory connections, TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserRow> Hasher = new();

    // Verified when the e-mail is unknown, so that a wrong address takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(new UserRow(), Guid.NewGuid().ToString());

    private const string CreateSql = """
        INSERT INTO users (email, display_name, role, password_hash, created_at)
        VALUES (@Email, @DisplayName, @Role, @PasswordHash, @CreatedAt)
        ON CONFLICT (email) DO NOTHING
        RETURNING id
        """;

    /// <summary>Creates an account; null when the e-mail address already has one.</summary>
    public async Task<long?> CreateAsync(string email, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(CreateSql, new
        {
            Email = Normalize(email),
            DisplayName = displayName.Trim(),
            Role = role,
            PasswordHash = Hasher.HashPassword(new UserRow(), password),
            CreatedAt = DateTimeOffsetHandler.ToText(clock.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    private const string FindSql = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
               failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil
        FROM users WHERE email = @Email
        """;

    private const string FailureSql = """
        UPDATE users
        SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @Limit THEN 0 ELSE failed_sign_ins + 1 END,
            locked_until = CASE WHEN failed_sign_ins + 1 >= @Limit THEN @LockedUntil ELSE locked_until END
        WHERE id = @Id
        """;

    private const string SuccessSql = "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, password_hash = @PasswordHash WHERE id = @Id";

    /// <summary>
    /// The account for this e-mail and password, or null: unknown address, wrong password, or an account
    /// locked after <see cref="FailuresBeforeLockout"/> failures. Callers show the same message for all three.
    /// </summary>
    public async Task<UserRow?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindSql, new { Email = Normalize(email ?? "") }, cancellationToken: cancellationToken));
        if (user is null)
        {
            Hasher.VerifyHashedPassword(new UserRow(), DecoyHash, password);
            return null;
        }
        var now = clock.GetUtcNow();
        if (user.LockedUntil is { } until && until > now)
        {
            // Same work as a wrong password, so that a quick answer does not tell the account exists.
            Hasher.VerifyHashedPassword(new UserRow(), DecoyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            await connection.ExecuteAsync(new CommandDefinition(FailureSql, new
            {
                user.Id,
                Limit = FailuresBeforeLockout,
                LockedUntil = DateTimeOffsetHandler.ToText(now + LockoutDuration),
            }, cancellationToken: cancellationToken));
            return null;
        }
        var hash = result == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password) : user.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(SuccessSql, new { user.Id, PasswordHash = hash }, cancellationToken: cancellationToken));
        return user;
    }

    private const string ListSql = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
               failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil
        FROM users ORDER BY display_name
        """;

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).AsList();
    }

    private const string RoleSql = "SELECT role FROM users WHERE id = @Id";

    /// <summary>The account's current role, or null when it no longer exists.</summary>
    public async Task<string?> RoleAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(RoleSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    // Checked in the statement itself, so that two admins demoting each other cannot leave the site without one.
    private const string ChangeRoleSql = """
        UPDATE users SET role = @Role
        WHERE id = @Id
          AND (@Role = 'admin' OR role <> 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin') > 1)
        """;

    public async Task<bool> ChangeRoleAsync(long id, string role, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(ChangeRoleSql, new { Id = id, Role = role }, cancellationToken: cancellationToken)) > 0;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
