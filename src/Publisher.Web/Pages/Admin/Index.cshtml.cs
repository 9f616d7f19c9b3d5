using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Admin;

public sealed class IndexModel(AdminArticleQueries articles, TimeProvider clock) : AdminPageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
        [("draft", "Brouillons"), ("scheduled", "Programmés"), ("published", "Publiés"), ("deleted", "Supprimés")];

    public AdminArticleFilter Filter { get; private set; } = new(null, null, null, 1);

    public AdminArticlePage Results { get; private set; } = new([], 1, false);

    public IReadOnlyList<SectionOptionRow> Sections { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? statut, string? rubrique, string? titre, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryRead(page, ModelState, out var pageNumber))
        {
            return NotFound();
        }
        Now = clock.GetUtcNow();
        var reader = AdminArticleQueries.ReaderOf(UserId, await MayAsync(Permissions.Publish));
        Filter = new AdminArticleFilter(Statuses.Any(status => status.Value == statut) ? statut : null, string.IsNullOrEmpty(rubrique) ? null : rubrique, titre, pageNumber, reader);
        Results = await articles.ListAsync(Filter, Now, cancellationToken);
        if (Results.Articles.Count == 0 && pageNumber > 1)
        {
            return NotFound();
        }
        Sections = await articles.SectionsAsync(cancellationToken);
        Meta.Title = "Articles";
        return Page();
    }

    // Built by hand: Razor Pages takes a "page" route value for the page's name and would drop the number.
    public string PageUrl(int pageNumber) => Url.Page("/Admin/Index") + QueryString.Create(new Dictionary<string, string?>
    {
        ["statut"] = Filter.Status,
        ["rubrique"] = Filter.Section,
        ["titre"] = Filter.Title,
        ["page"] = pageNumber > 1 ? pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(pair => !string.IsNullOrEmpty(pair.Value))).ToUriComponent();
}
