namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>How a topic's page names itself: its heading, its address, its meta description.</summary>
public sealed record TopicHeading(string Name, string Path, string Description);

/// <summary>
/// A page listing one topic's articles (a section, a tag, an author): an unknown topic, a page number that is
/// not one, and a page past the last all answer 404; a found page is described, paginated and breadcrumbed.
/// </summary>
public abstract class TopicPageModel(TimeProvider clock) : SitePageModel
{
    public ArticleListView List { get; private set; } = null!;

    protected async Task<IActionResult> ShowAsync<TTopic>(
        int? page,
        Func<DateTimeOffset, Task<TTopic?>> find,
        Func<TTopic, int, DateTimeOffset, Task<ArticlePage>> read,
        Func<TTopic, TopicHeading> describe)
        where TTopic : class
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(describe);
        var now = clock.GetUtcNow();
        var topic = PageNumber.TryRead(page, ModelState, out var pageNumber) ? await find(now) : null;
        if (topic is null)
        {
            return NotFound();
        }
        var articles = await read(topic, pageNumber, now);
        if (articles.Articles.Count == 0)
        {
            return NotFound();
        }
        var heading = describe(topic);
        List = new ArticleListView(articles, heading.Path);
        List.Describe(Meta, heading.Name, heading.Description);
        Meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (heading.Name, heading.Path)]);
        return Page();
    }
}
