using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

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
        List.Describe(Meta, section.Name, $"Les articles de la rubrique {section.Name}.");
        Meta.Feeds.Add(new FeedLink($"{section.Name} : les articles", Routes.SectionFeed(section.Slug)));
        Meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (section.Name, Routes.Section(section.Slug))]);
        return Page();
    }
}
