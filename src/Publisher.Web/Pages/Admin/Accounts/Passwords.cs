using Microsoft.AspNetCore.Identity;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>Password hashes, by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</summary>
internal static class Passwords
{
    private static readonly PasswordHasher<UserRow> Hasher = new();

    // Verified when the e-mail is unknown or locked, so that a wrong address takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(new UserRow(), Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(new UserRow(), password);

    public static PasswordVerificationResult Verify(UserRow user, string password) => Hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(new UserRow(), DecoyHash, password);
}
