using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Markdown;
using Publisher.Web.Media;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// « Insérer une image dans le texte »: a picture sent, or chosen in the library, with its words. Checked by
/// <see cref="BodyImageUploads"/> only when its button is pressed: a save ignores it.
/// </summary>
public sealed class BodyImageForm
{
    public const int MaxAlt = 300;

    public const int MaxCaption = 300;

    public const int MaxCredit = 150;

    [Display(Name = "Image à insérer (JPEG, PNG, WebP ou GIF, 10 Mo au plus)")]
    public IFormFile? File { get; set; }

    /// <summary>A picture sent with an earlier press that was refused (no alternative text), kept aside until it is inserted.</summary>
    public string? UploadedUrl { get; set; }

    [Display(Name = "Ou une image de la bibliothèque")]
    public string? LibraryUrl { get; set; }

    [Display(Name = "Texte alternatif (obligatoire : ce que montre l’image)")]
    public string? Alt { get; set; }

    [Display(Name = "Légende")]
    public string? Caption { get; set; }

    [Display(Name = "Crédit photo")]
    public string? Credit { get; set; }

    /// <summary>Where the cursor was in the text (its script says); without it, the image goes at the end.</summary>
    public int? Cursor { get; set; }

    /// <summary>The text with the image's Markdown as a paragraph of its own at <paramref name="cursor"/>, or at the end.</summary>
    public static string Insert(string? body, string markdown, int? cursor)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        body ??= "";
        var at = cursor is { } position && position >= 0 && position <= body.Length ? position : body.Length;
        var before = body[..at].TrimEnd();
        var after = body[at..].TrimStart();
        return (before.Length == 0 ? "" : before + "\n\n") + markdown + (after.Length == 0 ? "\n" : "\n\n" + after);
    }
}

/// <summary>The Markdown of an image of the text: its picture kept aside like the main image's until the article is saved, its alternative text required.</summary>
public sealed class BodyImageUploads(MediaLibrary media, AdminArticleQueries library, TimeProvider clock)
{
    /// <summary>The image's Markdown; null, with why in French beside the fields, when it cannot be inserted.</summary>
    /// <param name="form">What the fieldset holds; <see cref="BodyImageForm.UploadedUrl"/> is set when a picture was sent.</param>
    /// <param name="reader">Who inserts, as <see cref="AdminArticleQueries.ReaderOf"/> gives it: the library offers them only what they may see.</param>
    /// <param name="modelState">Where the messages go.</param>
    /// <param name="cancellationToken">Stops reading the upload.</param>
    public async Task<string?> MarkdownAsync(BodyImageForm form, long? reader, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        StoredImage? image = null;
        MediaRow? known = null;
        if (form.File is { Length: > 0 } file)
        {
            var (staged, problem) = await ImageUploads.StageAsync(media, file, cancellationToken);
            if (problem is not null)
            {
                modelState.AddModelError("BodyImage.File", problem);
                return null;
            }
            image = staged;
            form.UploadedUrl = staged!.Url;
        }
        else if (!string.IsNullOrEmpty(form.UploadedUrl) || !string.IsNullOrEmpty(form.LibraryUrl))
        {
            var url = string.IsNullOrEmpty(form.UploadedUrl) ? form.LibraryUrl! : form.UploadedUrl;
            known = string.IsNullOrEmpty(form.UploadedUrl) ? await library.PictureAsync(reader, url, clock.GetUtcNow(), cancellationToken) : null;
            image = known is null && string.IsNullOrEmpty(form.UploadedUrl) ? null : await media.FindAsync(url, cancellationToken);
            if (image is null)
            {
                form.UploadedUrl = null;
                modelState.AddModelError(string.IsNullOrEmpty(form.LibraryUrl) ? "BodyImage.File" : "BodyImage.LibraryUrl", "Cette image n’est plus disponible : choisissez-la à nouveau.");
                return null;
            }
        }
        else
        {
            modelState.AddModelError("BodyImage.File", "Choisissez une image à envoyer ou une image de la bibliothèque.");
            return null;
        }
        var alt = Typed(form.Alt) ?? known?.Alt;
        var caption = Typed(form.Caption) ?? known?.Caption;
        var credit = Typed(form.Credit) ?? known?.Credit;
        var problems = Problems(alt, caption, credit).ToList();
        foreach (var (field, message) in problems)
        {
            modelState.AddModelError(field, message);
        }
        return problems.Count > 0 ? null : BodyImages.Markdown(image!.Url, alt!, caption, credit);
    }

    private static IEnumerable<(string Field, string Message)> Problems(string? alt, string? caption, string? credit)
    {
        if (alt is null)
        {
            yield return ("BodyImage.Alt", "Décrivez l’image : le texte alternatif est obligatoire pour les lecteurs qui ne la voient pas.");
        }
        else if (alt.Length > BodyImageForm.MaxAlt)
        {
            yield return ("BodyImage.Alt", $"Le texte alternatif ne doit pas dépasser {BodyImageForm.MaxAlt} caractères.");
        }
        if (caption?.Length > BodyImageForm.MaxCaption)
        {
            yield return ("BodyImage.Caption", $"La légende ne doit pas dépasser {BodyImageForm.MaxCaption} caractères.");
        }
        if (credit?.Length > BodyImageForm.MaxCredit)
        {
            yield return ("BodyImage.Credit", $"Le crédit ne doit pas dépasser {BodyImageForm.MaxCredit} caractères.");
        }
    }

    private static string? Typed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
