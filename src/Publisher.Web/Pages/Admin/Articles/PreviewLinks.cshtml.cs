using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The duration the editor picks for a new preview link.</summary>
public sealed class PreviewLinkForm
{
    [Display(Name = "Durée de validité")]
    public int Days { get; set; } = PreviewLinkQueries.DefaultDays;
}

/// <summary>An article's preview links: create one (its address is shown here, once), revoke one.</summary>
public sealed class PreviewLinksModel(EditorQueries articles, CreatePreviewLink create, RevokePreviewLink revoke, IOptions<SiteOptions> site) : AdminPageModel
{
    [BindProperty]
    public PreviewLinkForm Input { get; set; } = new();

    public EditableArticleRow Article { get; private set; } = null!;

    /// <summary>The link just created: its full address, and when it stops working.</summary>
    public (string Url, DateTimeOffset ExpiresAt)? Created { get; private set; }

    // Whoever may open the article in the editor may share and revoke its previews, and nobody else.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // No handler argument when the address names an unknown handler: the route's id is there all the same.
        var article = long.TryParse(RouteData.Values["id"] as string, CultureInfo.InvariantCulture, out var id) ? await articles.FindAsync(id, HttpContext.RequestAborted) : null;
        context.Result = article is null ? NotFound() : await MayAsync(Permissions.EditArticle, article) ? null : Forbid();
        if (context.Result is null)
        {
            Article = article!;
            await next();
        }
    }

    public PageResult OnGet(long id) => Show();

    public async Task<IActionResult> OnPostCreateAsync(long id, CancellationToken cancellationToken)
    {
        if (!PreviewLinkQueries.Durations.Contains(Input.Days))
        {
            ModelState.AddModelError("Input.Days", "Choisissez une durée de 1, 7 ou 30 jours.");
            return Show();
        }
        var link = await create.CreateAsync(id, Input.Days, UserId, cancellationToken);
        if (link is null)
        {
            ModelState.AddModelError("", "Cet article est en ligne ou supprimé : il n’a pas besoin de lien d’aperçu.");
            return Show();
        }
        Created = (site.Value.Absolute(Routes.Preview(link.Token)), link.ExpiresAt);
        return Show();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, long link, CancellationToken cancellationToken)
    {
        await revoke.RevokeAsync(id, link, UserId, cancellationToken);
        return RedirectToPage("/Admin/Articles/PreviewLinks", null, new { id, revoque = "true" }, "liens-apercu");
    }

    private PageResult Show()
    {
        Meta.Title = "Liens d’aperçu";
        Meta.NoIndex = true;
        return Page();
    }
}
