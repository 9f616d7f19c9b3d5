using Publisher.Core.Text;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Authors;

public sealed class ShowModel(AuthorQueries authors, ArticleListQueries lists, TimeProvider clock) : TopicPageModel(clock)
{
    public AuthorRow Author { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        ShowAsync(page, now => authors.FindAsync(slug, now, cancellationToken), (author, number, now) => lists.ByAuthorAsync(author.Id, number, now, cancellationToken), author =>
        {
            Author = author;
            Meta.OpenGraphType = "profile";
            return new TopicHeading(author.Name, Routes.Author(author.Slug), author.Bio ?? $"Les articles {FrenchElision.De(author.Name)}.");
        });
}
