using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Text;
using Publisher.Web.Media;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The hero picture a save asks for: a new upload (kept aside until the save commits), one reused from the library, or none.</summary>
public sealed class ImageUploads(MediaLibrary media)
{
    /// <summary>
    /// Largest editor form read: the main image and an image of the text at the limit, with the text, and room
    /// to spare, so that a picture over <see cref="MediaLibrary.MaxBytes"/> is refused by name beside its
    /// field, with everything typed kept, rather than by the server with a bare 413 or 400.
    /// </summary>
    public const long FormLimit = (3 * MediaLibrary.MaxBytes) + (2 * 1024 * 1024);

    /// <summary>The picture; when the upload is refused, null and why, in French beside the field.</summary>
    public async Task<StoredImage?> ResolveAsync(ArticleForm form, string? currentUrl, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        var (image, problem) = await ReadAsync(form, currentUrl, cancellationToken);
        if (problem is not null)
        {
            modelState.AddModelError("Input.ImageFile", problem);
        }
        return image;
    }

    private async Task<(StoredImage? Image, string? Problem)> ReadAsync(ArticleForm form, string? currentUrl, CancellationToken cancellationToken)
    {
        if (form.ImageFile is { Length: > 0 } file)
        {
            return await StageAsync(media, file, cancellationToken);
        }
        if (form.ImageUrl is not { Length: > 0 } reused || reused == currentUrl)
        {
            return (null, null);
        }
        // An upload kept aside for a day and never saved is gone: say so rather than save without it.
        return await media.FindAsync(reused, cancellationToken) is { } found
            ? (found, null)
            : (null, "Cette image n’est plus disponible : choisissez-la à nouveau.");
    }

    /// <summary>An editor's upload kept aside (<see cref="MediaLibrary.StageAsync"/>); when refused, null and why, in French.</summary>
    internal static async Task<(StoredImage? Image, string? Problem)> StageAsync(MediaLibrary media, IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > MediaLibrary.MaxBytes)
        {
            return (null, $"L’image dépasse {MediaLibrary.MaxBytes / (1024 * 1024)} Mo.");
        }
        try
        {
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return (await media.StageAsync(copy.ToArray(), Path.GetFileNameWithoutExtension(file.FileName), cancellationToken), null);
        }
        catch (PictureRefusedException refused)
        {
            return (null, Explain(refused));
        }
    }

    private static string Explain(PictureRefusedException refused) => refused.Problem switch
    {
        PictureProblem.TooHeavy => $"L’image dépasse {MediaLibrary.MaxBytes / (1024 * 1024)} Mo.",
        PictureProblem.TooManyPixels => $"Cette image fait {FrenchNumbers.Grouped(refused.Width)} × {FrenchNumbers.Grouped(refused.Height)} pixels, plus de {MediaLibrary.MaxPixels / 1_000_000} millions de pixels : réduisez-la avant de l’envoyer.",
        PictureProblem.Damaged => ArticleForm.Refusals(new EditorSaveResult.ImageUnreadable()).Single().Message,
        PictureProblem.Busy => "Le serveur prépare déjà d’autres images : envoyez-la de nouveau dans un instant.",
        _ => "Ce fichier n’est pas une image JPEG, PNG, WebP ou GIF.",
    };

}
