using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Articles;

public sealed class BodyImageFieldsView
{
    public BodyImageForm BodyImage { get; init; } = new();

    /// <summary>The library's pictures who edits may see, to choose one without sending it again.</summary>
    public IReadOnlyList<MediaRow> Pictures { get; init; } = [];
}

/// <summary>The editor's « Insérer une image dans le texte » fieldset, with the library to choose from.</summary>
public sealed class BodyImageFields(AdminArticleQueries library, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(EditModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var reader = AdminArticleQueries.ReaderOf(Permissions.UserId(UserClaimsPrincipal), page.CanPublish);
        var pictures = await library.MediaAsync(reader, clock.GetUtcNow(), HttpContext.RequestAborted);
        return View("~/Pages/Admin/Articles/_BodyImageFields.cshtml", new BodyImageFieldsView { BodyImage = page.BodyImage, Pictures = pictures });
    }
}
