using System.Security.Claims;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Publisher.Core.Text;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Articles;

[RequestSizeLimit(ImageUploads.FormLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = ImageUploads.FormLimit)]
public sealed class EditModel(EditorQueries articles, AdminArticleQueries list, SaveArticle save, ArticlePreview preview, ImageUploads uploads, TimeProvider clock) : AdminPageModel
{
    [BindProperty]
    public ArticleForm Input { get; set; } = new();

    public long? Id => Existing?.Id;

    /// <summary>The article in the address as stored; null for a new one.</summary>
    public EditableArticleRow? Existing { get; private set; }

    public IHtmlContent? Preview { get; private set; }

    public IReadOnlyList<string> Remarks { get; private set; } = [];

    /// <summary>The body's length, as the preview counted it.</summary>
    public TextLength? Length { get; private set; }

    /// <summary>Now, for the preview's « Programmé pour le ».</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public EditorSaveResult.Conflict? Conflict { get; private set; }

    public bool CanPublish { get; private set; }

    /// <summary>Whether this account may create sections, tags and bylines (« Nouvelle rubrique » is offered to it).</summary>
    public bool CanCreateTopics { get; private set; }

    /// <summary>The sections to choose from, by name (the view adds the form's own when it is no longer among them).</summary>
    public IReadOnlyList<string> Sections { get; private set; } = [];

    /// <summary>This account's working copy, when it holds what the form does not: offered back, or shown in the form when <see cref="CopyResumed"/>.</summary>
    public WorkingCopyRow? Copy { get; private set; }

    public bool CopyResumed { get; private set; }

    [BindProperty]
    public BodyImageForm BodyImage { get; set; } = new();

    // Every handler works on the article in the address: loaded once, refused here if it is missing or not this account's to open.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var id = context.HandlerArguments.TryGetValue("id", out var value) ? value as long? : null;
        Existing = id is null ? null : await articles.FindAsync(id.Value, HttpContext.RequestAborted);
        CanPublish = await MayAsync(Permissions.Publish);
        CanCreateTopics = await MayAsync(Permissions.CreateTopics);
        context.Result = id is null ? null : Existing is null ? NotFound() : await MayAsync(Permissions.EditArticle, Existing) ? null : Forbid();
        if (context.Result is null)
        {
            await next();
        }
    }

    public async Task<IActionResult> OnGetAsync(long? id, string? image, string? copie, [FromServices] WorkingCopies copies, CancellationToken cancellationToken)
    {
        // « Réutiliser » from the images page: the picture comes with the words that went with it.
        var reused = image is null ? null : await list.PictureAsync(AdminArticleQueries.ReaderOf(UserId, CanPublish), image, clock.GetUtcNow(), cancellationToken);
        Input = Existing is null ? ArticleForm.New(User.FindFirstValue(ClaimTypes.Name) ?? "", clock.GetUtcNow(), reused) : ArticleForm.From(Existing);
        Copy = await copies.OfferAsync(UserId, id, Input, cancellationToken);
        // « Reprendre ma copie » is a plain link, so that it works without the script too.
        if (Copy is not null && copie == "reprendre")
        {
            Input = Copy.ToForm();
            CopyResumed = true;
            // A copy keeps the section chosen or typed as new: one not in the list was typed as new.
            if (CanCreateTopics && Input.Section is { Length: > 0 } typed && !(await SectionsAsync(cancellationToken)).Contains(typed))
            {
                (Input.NewSection, Input.Section) = (typed, null);
            }
        }
        // The preview is there from the start, beside the text, and again after a save.
        (Preview, Remarks, Length) = Existing is null && !CopyResumed ? (null, [], null) : preview.Render(Input, Existing, ModelState);
        return await ShowAsync(cancellationToken);
    }

    /// <summary>What is typed, kept as this account's working copy of the article; the answer is the line the editor's script shows.</summary>
    public async Task<JsonResult> OnPostAutosaveAsync(long? id, [FromServices] SaveWorkingCopy copies, CancellationToken cancellationToken)
    {
        if (SaveWorkingCopy.Refusal(Input) is { } refusal)
        {
            return new JsonResult(new { message = $"Copie de travail non enregistrée. {refusal}" }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        var savedAt = await copies.SaveAsync(UserId, id, Input, cancellationToken);
        return new JsonResult(new { message = $"Copie de travail enregistrée à {FrenchDates.Time(savedAt)}" });
    }

    /// <summary>« Ignorer »: this account's working copy of the article is deleted.</summary>
    public async Task<RedirectToPageResult> OnPostDiscardCopyAsync(long? id, [FromServices] DiscardWorkingCopy copies, CancellationToken cancellationToken)
    {
        await copies.DiscardAsync(UserId, id, cancellationToken);
        return RedirectToPage("/Admin/Articles/Edit", new { id });
    }

    /// <summary>The preview alone, for the editor's script to refresh beside the text as it is typed.</summary>
    // The id only names the article the filter above loads.
    public PartialViewResult OnPostPreviewFragment(long? id)
    {
        (Preview, Remarks, Length) = preview.Render(Input, Existing, ModelState);
        return Partial("_EditorPreview", this);
    }

    public Task<PageResult> OnPostPreviewAsync(long? id, CancellationToken cancellationToken)
    {
        (Preview, Remarks, Length) = preview.Render(Input, Existing, ModelState);
        return ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken cancellationToken)
    {
        Input.Check(ModelState, CanPublish);
        var image = ModelState.IsValid ? await uploads.ResolveAsync(Input, Existing?.ImageUrl, ModelState, cancellationToken) : null;
        // Kept on the form, so that a conflict or a taken address does not lose the picture.
        Input.ImageUrl = image?.Url ?? Input.ImageUrl;
        var result = ModelState.IsValid ? await save.SaveAsync(new ArticleSave(id, Input.Revision, Input.ToInput(Existing, image, clock.GetUtcNow()), UserId, Input.Correction(), CanCreateTopics, Input.CreatesSection), cancellationToken) : null;
        foreach (var (field, message) in ArticleForm.Refusals(result))
        {
            ModelState.AddModelError(field, message);
        }
        Conflict = result as EditorSaveResult.Conflict;
        if (result is EditorSaveResult.Saved saved)
        {
            return RedirectToPage("/Admin/Articles/Edit", new { id = saved.Id, enregistre = "true" });
        }
        (Preview, Remarks, Length) = preview.Render(Input, Existing, new ModelStateDictionary());
        return await ShowAsync(cancellationToken);
    }

    /// <summary>« Insérer l’image dans le texte » without script: the form comes back with the image's Markdown in the text, nothing saved.</summary>
    public async Task<PageResult> OnPostInsertImageAsync(long? id, [FromServices] BodyImageUploads images, CancellationToken cancellationToken)
    {
        // Only the image is checked: the rest of the article is being written.
        ModelState.Clear();
        Input.ImageUrl = (await uploads.ResolveAsync(Input, Existing?.ImageUrl, ModelState, cancellationToken))?.Url ?? Input.ImageUrl;
        if (await images.MarkdownAsync(BodyImage, AdminArticleQueries.ReaderOf(UserId, CanPublish), ModelState, cancellationToken) is { } markdown)
        {
            Input.Body = BodyImageForm.Insert(Input.Body, markdown, BodyImage.Cursor);
            BodyImage = new();
        }
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The same for the editor's script (a pasted or dropped picture): the Markdown to insert at the cursor, or the messages by field.</summary>
    public async Task<JsonResult> OnPostInsertImageFragmentAsync(long? id, [FromServices] BodyImageUploads images, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var markdown = await images.MarkdownAsync(BodyImage, AdminArticleQueries.ReaderOf(UserId, CanPublish), ModelState, cancellationToken);
        return new JsonResult(new { markdown, errors = ModelState.ToDictionary(entry => entry.Key, entry => entry.Value!.Errors.Select(error => error.ErrorMessage).FirstOrDefault()) });
    }

    // Read only for the whole page: the live preview and the autosave, sent as the editor types, need no list.
    private async Task<IReadOnlyList<string>> SectionsAsync(CancellationToken cancellationToken) =>
        Sections = Sections.Count > 0 ? Sections : (await list.SectionsAsync(cancellationToken)).Select(section => section.Name).ToList();

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        await SectionsAsync(cancellationToken);
        Meta.Title = Id is null ? "Nouvel article" : "Modifier l’article";
        Meta.NoIndex = true;
        return Page();
    }
}
