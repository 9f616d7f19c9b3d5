using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Articles;

public sealed class ShowModel(ArticleQueries articles, TimeProvider clock) : SitePageModel
{
    public ArticleView Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await articles.FindPublishedAsync(slug, clock.GetUtcNow(), cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        Article = article;
        PageTitle = article.Title;
        MetaDescription = article.Standfirst;
        CurrentArticleId = article.Id;
        return Page();
    }
}
