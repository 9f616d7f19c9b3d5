using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Sections;

public sealed class ShowModel(TopicQueries topics, ArticleListQueries lists, TimeProvider clock) : SitePageModel
{
    public TopicRow Section { get; private set; } = null!;

    public ArticleListView List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var section = PageNumber.TryRead(page, ModelState, out var pageNumber)
            ? await topics.FindSectionAsync(slug, now, cancellationToken)
            : null;
        if (section is null)
        {
            return NotFound();
        }
        var articles = await lists.BySectionAsync(section.Id, pageNumber, now, cancellationToken);
        if (articles.Articles.Count == 0)
        {
            return NotFound();
        }
        Section = section;
        List = new ArticleListView(articles, Routes.Section(section.Slug));
        PageTitle = pageNumber == 1 ? section.Name : $"{section.Name}, page {pageNumber}";
        MetaDescription = $"Les articles de la rubrique {section.Name}.";
        return Page();
    }
}
