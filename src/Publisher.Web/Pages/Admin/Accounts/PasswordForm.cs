using System.ComponentModel.DataAnnotations;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>The form to change one's own password.</summary>
public sealed class PasswordForm
{
    [Required(ErrorMessage = "Indiquez votre mot de passe actuel.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe actuel")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe (au moins 12 caractères)")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Saisissez le nouveau mot de passe une seconde fois.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Les deux saisies du nouveau mot de passe diffèrent.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe, une seconde fois")]
    public string Confirmation { get; set; } = "";
}
