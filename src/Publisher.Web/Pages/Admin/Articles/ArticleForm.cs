using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Core.Text;
using Publisher.Web.Media;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The editor's form: what is typed, its checks in French beside each field, and the article it makes.</summary>
public sealed class ArticleForm
{
    public const int MaxTags = 10;

    public const int MaxTagLength = 50;

    /// <summary>No article of the site's is older: an earlier date is a typo in the year (1900 for 2026).</summary>
    public static readonly DateTime EarliestPublication = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    [Required(ErrorMessage = "Le titre est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le titre ne doit pas dépasser 200 caractères.")]
    [Display(Name = "Titre")]
    public string Title { get; set; } = "";

    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "L’adresse ne peut contenir que des lettres minuscules sans accents, des chiffres et des tirets.")]
    [StringLength(Core.Text.Slug.MaxLength, ErrorMessage = "L’adresse est trop longue.")]
    [Display(Name = "Adresse (laissez vide pour la tirer du titre)")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Le chapô est obligatoire.")]
    [StringLength(600, ErrorMessage = "Le chapô ne doit pas dépasser 600 caractères.")]
    [Display(Name = "Chapô")]
    public string Standfirst { get; set; } = "";

    [Display(Name = "Rubrique")]
    public string? Section { get; set; }

    [StringLength(100, ErrorMessage = "Le nom de la rubrique ne doit pas dépasser 100 caractères.")]
    [Display(Name = "Ou une nouvelle rubrique, créée à l’enregistrement")]
    public string? NewSection { get; set; }

    /// <summary>Whether the editor asked for a new section rather than one from the list.</summary>
    public bool CreatesSection => !string.IsNullOrWhiteSpace(NewSection);

    /// <summary>The section the article goes in: the new one when one is typed, else the one chosen in the list.</summary>
    public string ChosenSection => (CreatesSection ? NewSection : Section)?.Trim() ?? "";

    [Required(ErrorMessage = "Indiquez l’auteur.")]
    [Display(Name = "Auteur")]
    public string Author { get; set; } = "";

    [StringLength(1000, ErrorMessage = "La liste des tags ne doit pas dépasser 1 000 caractères.")]
    [Display(Name = "Tags (séparés par des virgules)")]
    public string? Tags { get; set; }

    [Required(ErrorMessage = "Le texte est vide.")]
    [StringLength(200_000, ErrorMessage = "Le texte dépasse 200 000 caractères.")]
    [Display(Name = "Texte (Markdown)")]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Choisissez un statut.")]
    [RegularExpression("^(draft|published)$", ErrorMessage = "Statut inconnu.")]
    public string Status { get; set; } = "draft";

    [Display(Name = "Date de publication (heure de Paris)")]
    public DateTime? PublishAt { get; set; }

    public int Revision { get; set; } = 1;

    [Display(Name = "Image principale (JPEG, PNG, WebP ou GIF, 10 Mo au plus)")]
    public IFormFile? ImageFile { get; set; }

    /// <summary>The picture already attached, shown beside the upload field.</summary>
    public string? ImageUrl { get; set; }

    [StringLength(300, ErrorMessage = "Le texte alternatif ne doit pas dépasser 300 caractères.")]
    [Display(Name = "Texte alternatif (ce que montre l’image)")]
    public string? ImageAlt { get; set; }

    [StringLength(300, ErrorMessage = "La légende ne doit pas dépasser 300 caractères.")]
    [Display(Name = "Légende")]
    public string? ImageCaption { get; set; }

    [StringLength(150, ErrorMessage = "Le crédit ne doit pas dépasser 150 caractères.")]
    [Display(Name = "Crédit photo")]
    public string? ImageCredit { get; set; }

    [RegularExpression("^(rectificatif|mise-a-jour)$", ErrorMessage = "Type de note inconnu.")]
    [Display(Name = "Note aux lecteurs")]
    public string? CorrectionKind { get; set; }

    [StringLength(500, ErrorMessage = "La note ne doit pas dépasser 500 caractères.")]
    [Display(Name = "Ce qui a été corrigé ou ajouté")]
    public string? CorrectionReason { get; set; }

    /// <summary>The note readers will see, when the editor wrote one; a save without it is a silent fix.</summary>
    public CorrectionNote? Correction() =>
        string.IsNullOrEmpty(CorrectionKind) || string.IsNullOrWhiteSpace(CorrectionReason) ? null : new CorrectionNote(CorrectionKind, CorrectionReason);

    /// <summary>A new article's form, signed by its writer, dated now; with a reused picture, the words that went with it.</summary>
    public static ArticleForm New(string author, DateTimeOffset now, MediaRow? reused = null)
    {
        // To the minute: a datetime-local field refuses seconds it was not built to step through.
        var paris = FrenchDates.ToParis(now);
        return new()
        {
            Author = author,
            PublishAt = new DateTime(paris.Year, paris.Month, paris.Day, paris.Hour, paris.Minute, 0, DateTimeKind.Unspecified),
            ImageUrl = reused?.Url,
            ImageAlt = reused?.Alt,
            ImageCaption = reused?.Caption,
            ImageCredit = reused?.Credit,
        };
    }

    /// <summary>Why the save refused the form, beside the fields it concerns; empty when it did not.</summary>
    public static IEnumerable<(string Field, string Message)> Refusals(EditorSaveResult? result) => result switch
    {
        EditorSaveResult.SlugTaken => [("Input.Slug", "Cette adresse est déjà celle d’un autre article : choisissez-en une autre.")],
        EditorSaveResult.FormerAddressOf { Title: { } title } => [("Input.Slug", $"Cette adresse est l’ancienne adresse de l’article « {title} », qui y renvoie encore ses lecteurs : choisissez-en une autre.")],
        EditorSaveResult.FormerAddressOf => [("Input.Slug", "Cette adresse est l’ancienne adresse d’un autre article, qui y renvoie encore ses lecteurs : choisissez-en une autre.")],
        EditorSaveResult.NewTopicsRefused refused => NewTopicMessages(refused.Topics, refused.MayCreateTopics),
        EditorSaveResult.BodyTooComplex => [("Input.Body", MarkdownTooComplexException.French)],
        EditorSaveResult.ImageUnreadable => [("Input.ImageFile", "Cette image est endommagée ou illisible : choisissez-en une autre.")],
        _ => [],
    };

    // An author picks among the sections, tags and authors the site has; only an editor adds one.
    private static IEnumerable<(string Field, string Message)> NewTopicMessages(IReadOnlyList<NewTopic> topics, bool mayCreateTopics)
    {
        if (topics.FirstOrDefault(topic => topic.Kind == TopicKind.Section) is { } section)
        {
            yield return ("Input.Section", mayCreateTopics
                ? $"La rubrique « {section.Name} » n’existe pas : choisissez-la dans la liste, ou tapez son nom sous « Nouvelle rubrique » pour la créer."
                : $"La rubrique « {section.Name} » n’existe pas : choisissez une rubrique existante. Seul un éditeur peut en créer une.");
        }
        if (topics.FirstOrDefault(topic => topic.Kind == TopicKind.Author) is { } author)
        {
            yield return ("Input.Author", $"L’auteur « {author.Name} » n’existe pas : choisissez un nom déjà connu du site. Seul un éditeur peut en ajouter un.");
        }
        var tags = topics.Where(topic => topic.Kind == TopicKind.Tag).Select(topic => $"« {topic.Name} »").ToList();
        if (tags.Count == 1)
        {
            yield return ("Input.Tags", $"Le tag {tags[0]} n’existe pas : choisissez un tag existant. Seul un éditeur peut en créer un.");
        }
        else if (tags.Count > 1)
        {
            yield return ("Input.Tags", $"Les tags {string.Join(", ", tags)} n’existent pas : choisissez des tags existants. Seul un éditeur peut en créer.");
        }
    }

    /// <summary>Adds to <paramref name="modelState"/> what data annotations cannot tell.</summary>
    public void Check(ModelStateDictionary modelState, bool canPublish)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (Status != "draft" && !canPublish)
        {
            modelState.AddModelError("Input.Status", "Seul un éditeur peut publier ou programmer un article : enregistrez-le en brouillon.");
        }
        foreach (var (field, problem) in Problems())
        {
            modelState.AddModelError(field, problem);
        }
    }

    /// <summary>What data annotations cannot tell: names that give no address, a time that does not exist in Paris.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (!string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Slug) && Core.Text.Slug.From(Title).Length == 0)
        {
            yield return ("Input.Slug", "Le titre ne contient ni lettre ni chiffre : indiquez une adresse.");
        }
        if (ChosenSection.Length == 0)
        {
            yield return ("Input.Section", "Choisissez une rubrique.");
        }
        else if (Core.Text.Slug.From(ChosenSection).Length == 0)
        {
            yield return (CreatesSection ? "Input.NewSection" : "Input.Section", "La rubrique doit contenir au moins une lettre ou un chiffre.");
        }
        if (!string.IsNullOrWhiteSpace(Author) && Core.Text.Slug.From(Author).Length == 0)
        {
            yield return ("Input.Author", "Le nom de l’auteur doit contenir au moins une lettre ou un chiffre.");
        }
        var tags = (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tags.Any(tag => Core.Text.Slug.From(tag).Length == 0))
        {
            yield return ("Input.Tags", "Chaque tag doit contenir au moins une lettre ou un chiffre.");
        }
        else if (tags.Length > MaxTags)
        {
            yield return ("Input.Tags", $"Un article porte au plus {MaxTags} tags ; il y en a {tags.Length}.");
        }
        else if (tags.FirstOrDefault(tag => tag.Length > MaxTagLength) is { } longTag)
        {
            yield return ("Input.Tags", $"Un tag ne dépasse pas {MaxTagLength} caractères : « {longTag[..20]}… » est trop long.");
        }
        if (!string.IsNullOrEmpty(CorrectionKind) && string.IsNullOrWhiteSpace(CorrectionReason))
        {
            yield return ("Input.CorrectionReason", "Dites aux lecteurs ce qui a été corrigé ou ajouté.");
        }
        if (PublishAt is { } early && early < EarliestPublication)
        {
            yield return ("Input.PublishAt", "Cette date est antérieure au 1er janvier 1990 : vérifiez l’année.");
        }
        else if (PublishAt is { } local && FrenchDates.Paris.IsInvalidTime(local))
        {
            yield return ("Input.PublishAt", "Cette heure n’existe pas à Paris : les horloges avancent d’une heure cette nuit-là.");
        }
    }

    public static ArticleForm From(EditableArticleRow article) => new()
    {
        Title = article.Title,
        Slug = article.Slug,
        Standfirst = article.Standfirst,
        Section = article.Section,
        Author = article.Author,
        Tags = string.Join(", ", article.Tags),
        Body = article.BodyMarkdown,
        Status = article.Status == "draft" ? "draft" : "published",
        ImageUrl = article.ImageUrl,
        ImageAlt = article.ImageAlt,
        ImageCaption = article.ImageCaption,
        ImageCredit = article.ImageCredit,
        PublishAt = article.PublishedAt is { } published ? FrenchDates.ToParis(published).DateTime : null,
        Revision = article.Revision,
    };

    /// <summary>The publication time typed in Paris time, as an instant; null when none is typed. A time that does not exist in Paris is refused by <see cref="Problems"/> first.</summary>
    public DateTimeOffset? PublishInstant() => PublishAt is { } local
        ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), FrenchDates.Paris), TimeSpan.Zero)
        : null;

    public ArticleInput ToInput(EditableArticleRow? existing, StoredImage? upload, DateTimeOffset now)
    {
        var publishAt = PublishInstant() ?? now;
        var status = Status == "draft" ? ArticleStatus.Draft : publishAt > now ? ArticleStatus.Scheduled : ArticleStatus.Published;
        var image = upload ?? (existing is { ImageUrl: { } url, ImageWidth: { } width, ImageHeight: { } height } ? new StoredImage(url, width, height) : null);
        return new ArticleInput(
            string.IsNullOrWhiteSpace(Slug) ? Core.Text.Slug.From(Title) : Slug.Trim(),
            Title.Trim(),
            Standfirst.Trim(),
            Body ?? "",
            ChosenSection,
            Author.Trim(),
            (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            status,
            status == ArticleStatus.Draft ? null : publishAt,
            // A save keeps the « Mis à jour le » an earlier correction set.
            existing?.UpdatedAt,
            image,
            image is null ? null : ImageAlt?.Trim() ?? "",
            string.IsNullOrWhiteSpace(ImageCaption) ? null : ImageCaption.Trim(),
            string.IsNullOrWhiteSpace(ImageCredit) ? null : ImageCredit.Trim());
    }
}
