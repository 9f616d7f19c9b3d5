using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Home;

public sealed class IndexModel(ArticleListQueries lists, TimeProvider clock) : SitePageModel
{
    public ArticleListView List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryRead(page, ModelState, out var pageNumber))
        {
            return NotFound();
        }
        var articles = await lists.LatestAsync(pageNumber, clock.GetUtcNow(), cancellationToken);
        if (articles.Articles.Count == 0 && pageNumber > 1)
        {
            return NotFound();
        }
        List = new ArticleListView(articles, Routes.Home);
        PageTitle = pageNumber == 1 ? "L’actualité tech" : $"L’actualité tech, page {pageNumber}";
        MetaDescription = "Les derniers articles : réseaux sociaux, intelligence artificielle, cybersécurité, spatial et télécoms.";
        return Page();
    }
}
