namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>The roles an account can have; what each may do is <see cref="Permissions"/>.</summary>
public static class Roles
{
    public const string Author = "author";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Author, Editor, Admin];

    /// <summary>The role as the admin area names it.</summary>
    public static string Label(string role) => role switch
    {
        Author => "Auteur",
        Editor => "Éditeur",
        Admin => "Administrateur",
        _ => role,
    };
}
