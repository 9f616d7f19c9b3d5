using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>Creates an account, from the admin area or the command line; the password is hashed here.</summary>
public sealed class CreateAccount(IDatabase database, TimeProvider clock)
{
    private const string CreateSql = """
        INSERT INTO users (email, display_name, role, password_hash, created_at)
        VALUES (@Email, @DisplayName, @Role, @PasswordHash, @CreatedAt)
        ON CONFLICT (email) DO NOTHING
        RETURNING id
        """;

    /// <summary>The new account's id; null when the e-mail address already has one.</summary>
    public async Task<long?> CreateAsync(string email, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(password);
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        var id = await transaction.ScalarAsync<long?>(CreateSql, new
        {
            Email = AccountQueries.NormalizeEmail(email),
            DisplayName = displayName.Trim(),
            Role = role,
            PasswordHash = Passwords.Hash(password),
            CreatedAt = DateTimeOffsetHandler.ToText(clock.GetUtcNow()),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
