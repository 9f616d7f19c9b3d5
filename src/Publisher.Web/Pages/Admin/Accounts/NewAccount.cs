using System.ComponentModel.DataAnnotations;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>The admin's form for a new account.</summary>
public sealed class NewAccount
{
    [Required(ErrorMessage = "Indiquez l’adresse e-mail.")]
    [EmailAddress(ErrorMessage = "Cette adresse e-mail n’est pas valide.")]
    [Display(Name = "Adresse e-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Indiquez le nom affiché.")]
    [StringLength(100, ErrorMessage = "Le nom ne doit pas dépasser 100 caractères.")]
    [Display(Name = "Nom affiché")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un rôle.")]
    [RegularExpression("^(author|editor|admin)$", ErrorMessage = "Rôle inconnu.")]
    [Display(Name = "Rôle")]
    public string Role { get; set; } = Roles.Author;

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe (au moins 12 caractères)")]
    public string Password { get; set; } = "";
}
