using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Tags;

public sealed class ShowModel(TopicQueries topics, ArticleListQueries lists, TimeProvider clock) : SitePageModel
{
    public TopicRow Tag { get; private set; } = null!;

    public ArticleListView List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tag = PageNumber.TryRead(page, ModelState, out var pageNumber)
            ? await topics.FindTagAsync(slug, now, cancellationToken)
            : null;
        if (tag is null)
        {
            return NotFound();
        }
        var articles = await lists.ByTagAsync(tag.Id, pageNumber, now, cancellationToken);
        if (articles.Articles.Count == 0)
        {
            return NotFound();
        }
        Tag = tag;
        List = new ArticleListView(articles, Routes.Tag(tag.Slug));
        List.Describe(Meta, tag.Name, $"Les articles sur le sujet {tag.Name}.");
        Meta.Feeds.Add(new FeedLink($"{tag.Name} : les articles", Routes.TagFeed(tag.Slug)));
        Meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (tag.Name, Routes.Tag(tag.Slug))]);
        return Page();
    }
}
