using Publisher.Core.Search;
using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Search;

public sealed class IndexModel(SearchQueries search, TimeProvider clock) : SitePageModel
{
    /// <summary>Longest query read; a longer one is cut rather than refused.</summary>
    public const int MaxQueryLength = 200;

    public string Query { get; private set; } = "";

    public IReadOnlyList<string> Terms { get; private set; } = [];

    public SearchPage Results { get; private set; } = new([], 1, false);

    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryRead(page, ModelState, out var pageNumber))
        {
            return NotFound();
        }
        Query = (q ?? "").Trim();
        if (Query.Length > MaxQueryLength)
        {
            // Cut between words, so that no half word is searched for.
            var cut = Query.LastIndexOf(' ', MaxQueryLength);
            Query = Query[..(cut > 0 ? cut : MaxQueryLength)];
        }
        Terms = SearchText.Terms(Query);
        Results = await search.SearchAsync(Terms, pageNumber, clock.GetUtcNow(), cancellationToken);
        if (Results.Results.Count == 0 && pageNumber > 1)
        {
            return NotFound();
        }
        Meta.Title = Terms.Count == 0 ? "Rechercher" : $"Résultats pour « {Query} »" + (pageNumber > 1 ? $", page {pageNumber}" : "");
        Meta.Description = "Rechercher dans les articles de Publisher.";
        Meta.NoIndex = true;
        return Page();
    }

    public string PageUrl(int pageNumber) =>
        $"/recherche?q={Uri.EscapeDataString(Query)}" + (pageNumber > 1 ? $"&page={pageNumber}" : "");
}
