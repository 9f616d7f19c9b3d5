namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>Refuses passwords an attacker would guess: too short, too repetitive, common, or made of the e-mail address.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "azertyuiopqs", "qwertyuiopas", "motdepasse123", "motdepassesecret", "password1234",
        "passwordpassword", "administrateur", "administrator", "publisher2026", "publisherpublisher", "jetaime123456",
        "1234567890ab", "abcdefghijkl", "aaaaaaaaaaaa", "soleil123456", "bonjour123456",
    };

    /// <summary>Why the password is refused, in words the person can act on; null when it is acceptable.</summary>
    public static string? Problem(string password, string email)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(email);
        if (password.Length < MinimumLength)
        {
            return $"Le mot de passe doit compter au moins {MinimumLength} caractères (une phrase de passe de quelques mots convient).";
        }
        if (password.Distinct().Count() < 6)
        {
            return "Le mot de passe répète trop les mêmes caractères.";
        }
        var local = email.Split('@')[0];
        if (Common.Contains(password) || (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase)))
        {
            return "Ce mot de passe est trop facile à deviner : il est courant ou reprend l’adresse e-mail.";
        }
        return null;
    }
}
