using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Authors;

public sealed class ShowModel(AuthorQueries authors, ArticleListQueries lists, TimeProvider clock) : SitePageModel
{
    public AuthorRow Author { get; private set; } = null!;

    public ArticleListView List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var author = PageNumber.TryRead(page, ModelState, out var pageNumber)
            ? await authors.FindAsync(slug, now, cancellationToken)
            : null;
        if (author is null)
        {
            return NotFound();
        }
        var articles = await lists.ByAuthorAsync(author.Id, pageNumber, now, cancellationToken);
        if (articles.Articles.Count == 0)
        {
            return NotFound();
        }
        Author = author;
        List = new ArticleListView(articles, Routes.Author(author.Slug));
        List.Describe(Meta, author.Name, author.Bio ?? $"Les articles de {author.Name}.");
        Meta.OpenGraphType = "profile";
        Meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (author.Name, Routes.Author(author.Slug))]);
        return Page();
    }
}
