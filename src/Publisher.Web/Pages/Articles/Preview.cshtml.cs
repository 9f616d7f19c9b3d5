using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Articles;

/// <summary>Why a preview link no longer shows its article.</summary>
public enum PreviewRefusal
{
    Revoked,
    Expired,
    Withdrawn,
}

/// <summary>
/// A preview link's page: a draft or scheduled article as readers will see it, to whoever holds the address.
/// Nobody keeps it (no page cache, no shared or browser cache) nor indexes it, and it claims no canonical
/// address; once the article is out, the link leads to its public page.
/// </summary>
public sealed class PreviewModel(PreviewLinkQueries links, ArticleQueries articles, IOptions<SiteOptions> site, TimeProvider clock) : SitePageModel
{
    public ArticleView Article { get; private set; } = null!;

    public IReadOnlyList<ArticleSummaryRow> Related { get; private set; } = [];

    public PreviewRefusal? Refusal { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        // Whatever the answer: the address is a secret passed by hand.
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Meta.NoIndex = true;
        if (!PreviewTokens.IsWellFormed(token))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var target = await links.TargetAsync(token, now, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        ExpiresAt = target.ExpiresAt;
        var refusal = target switch
        {
            { RevokedAt: not null } => PreviewRefusal.Revoked,
            _ when target.ExpiresAt <= now => PreviewRefusal.Expired,
            { Deleted: true } => PreviewRefusal.Withdrawn,
            _ => (PreviewRefusal?)null,
        };
        if (refusal is null && target.Live)
        {
            return Redirect(Routes.Article(target.Slug));
        }
        var article = refusal is null ? await articles.FindForPreviewAsync(target.ArticleId, now, cancellationToken) : null;
        if (article is null)
        {
            return Refuse(refusal ?? PreviewRefusal.Withdrawn);
        }
        Article = article;
        Related = await articles.RelatedAsync(article, now, cancellationToken);
        CurrentArticleId = article.Id;
        ShowModel.Describe(Meta, article, site.Value, []);
        // Not the article's address, nor one to index: no canonical, no structured data.
        Meta.CanonicalPath = null;
        Meta.StructuredData.Clear();
        Meta.NoIndex = true;
        return Page();
    }

    // The page says why, in French, with the status: the link's page, not the site's generic error page.
    private PageResult Refuse(PreviewRefusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status410Gone;
        Meta.Title = refusal switch
        {
            PreviewRefusal.Revoked => "Lien d’aperçu révoqué",
            PreviewRefusal.Expired => "Lien d’aperçu expiré",
            _ => "Aperçu indisponible",
        };
        return Page();
    }
}
