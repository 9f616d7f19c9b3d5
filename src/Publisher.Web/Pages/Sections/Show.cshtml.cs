using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Sections;

public sealed class ShowModel(TopicQueries topics, ArticleListQueries lists, TimeProvider clock) : TopicPageModel(clock)
{
    public TopicRow Section { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        ShowAsync(page, now => topics.FindSectionAsync(slug, now, cancellationToken), (section, number, now) => lists.BySectionAsync(section.Id, number, now, cancellationToken), section =>
        {
            Section = section;
            Meta.Feeds.Add(new FeedLink($"{section.Name} : les articles", Routes.SectionFeed(section.Slug)));
            return new TopicHeading(section.Name, Routes.Section(section.Slug), $"Les articles de la rubrique {section.Name}.");
        });
}
