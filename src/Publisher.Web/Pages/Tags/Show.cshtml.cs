using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Tags;

public sealed class ShowModel(TopicQueries topics, ArticleListQueries lists, TimeProvider clock) : TopicPageModel(clock)
{
    public TopicRow Tag { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        ShowAsync(page, now => topics.FindTagAsync(slug, now, cancellationToken), (tag, number, now) => lists.ByTagAsync(tag.Id, number, now, cancellationToken), tag =>
        {
            Tag = tag;
            Meta.Feeds.Add(new FeedLink($"{tag.Name} : les articles", Routes.TagFeed(tag.Slug)));
            return new TopicHeading(tag.Name, Routes.Tag(tag.Slug), $"Les articles sur le sujet {tag.Name}.");
        });
}
