using Dapper;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

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

/// <summary>Accounts as the admin area and the sign-in cookie's check read them.</summary>
public sealed class AccountQueries(IDatabase database)
{
    internal const string Columns = """
        id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
        failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil
        """;

    private const string ListSql = $"SELECT {Columns} FROM users ORDER BY display_name";

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).AsList();
    }

    private const string RoleSql = "SELECT role FROM users WHERE id = @Id";

    /// <summary>The account's current role, or null when it no longer exists.</summary>
    public async Task<string?> RoleAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(RoleSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>An e-mail address as accounts are keyed: trimmed, lower case.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
