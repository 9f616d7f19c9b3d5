using Microsoft.Extensions.Options;
using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Home;

public sealed class IndexModel(ArticleListQueries lists, IOptions<SiteOptions> site, TimeProvider clock) : SitePageModel
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
        List.Describe(Meta, "L’actualité tech", "Les derniers articles : réseaux sociaux, intelligence artificielle, cybersécurité, spatial et télécoms.");
        if (pageNumber == 1)
        {
            Meta.StructuredData.Add(StructuredData.WebSite(site.Value));
            Meta.StructuredData.Add(StructuredData.Organization(site.Value));
        }
        return Page();
    }
}
