namespace Publisher.Web.Admin.Accounts;

/// <summary>What a person may do: authors write, editors publish, admins also manage accounts.</summary>
public static class Roles
{
    public const string Author = "author";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Author, Editor, Admin];

    /// <summary>Authorization policies, one per level; each admits the roles above it.</summary>
    public static class Policies
    {
        public const string Writers = "writers";
        public const string Editors = "editors";
        public const string Admins = "admins";
    }

    /// <summary>The role as the admin area names it.</summary>
    public static string Label(string role) => role switch
    {
        Author => "Auteur",
        Editor => "Éditeur",
        Admin => "Administrateur",
        _ => role,
    };
}
