namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>What the editor's « Liens d’aperçu » section shows: « Voir l’article » for a live one, else its active links.</summary>
public sealed record PreviewLinksSectionView(EditableArticleRow Article, bool IsLive, IReadOnlyList<PreviewLinkRow> Links);

/// <summary>The editor's section for sharing an article before it is out, read here rather than in the view.</summary>
public sealed class PreviewLinksSection(PreviewLinkQueries links, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(EditableArticleRow? article)
    {
        if (article is not { DeletedAt: null })
        {
            return Content("");
        }
        var now = clock.GetUtcNow();
        var live = PreviewLinkQueries.IsLive(article, now);
        var active = live ? [] : await links.ActiveAsync(article.Id, now, HttpContext.RequestAborted);
        return View("~/Pages/Admin/Articles/_PreviewLinks.cshtml", new PreviewLinksSectionView(article, live, active));
    }
}
