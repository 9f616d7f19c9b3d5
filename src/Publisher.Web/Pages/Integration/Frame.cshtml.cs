using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Publisher.Core.Markdown;
using Publisher.Web.Http;
using Publisher.Web.Pages.Articles;

namespace Publisher.Web.Pages.Integration;

/// <summary>
/// The frame an embed card opens into when the reader clicks it: a page of the site that frames the
/// provider's player, so that the article's own policy never names a third party. It frames only what the
/// card of a published article stands for, found by the article's address and the card's number and
/// recognised again from the stored address: it takes no address from the request, so nobody can make the
/// site show another page under its name. Its policy allows frames from that provider's origin alone.
/// </summary>
public sealed class FrameModel(ArticleQueries articles, TimeProvider clock) : PageModel
{
    /// <summary>The route, without the card's number the script appends (<c>/integration/{slug}/2</c>).</summary>
    public static string PathFor(string slug) => "/integration/" + Uri.EscapeDataString(slug);

    // Nothing but the one frame and the site's stylesheet; nobody else may frame it.
    private const string Policy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; frame-src ";

    public Embed? Embed { get; private set; }

    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, int number, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var article = number >= 1 ? await articles.FindPublishedAsync(slug, clock.GetUtcNow(), cancellationToken) : null;
        var card = article is null ? null : Embeds.CardsIn(article.Body.ToString() ?? "").ElementAtOrDefault(number - 1);
        if (card?.Embed is not { } embed)
        {
            // Its own short message, in the frame's size, rather than the site's error page.
            HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            Response.StatusCode = StatusCodes.Status404NotFound;
            Response.Headers.ContentSecurityPolicy = Policy + "'none'";
            return Page();
        }
        // Dropped with the article's page when the article changes or is unpublished.
        PageCacheTags.AddArticles(HttpContext, [article!.Id]);
        Response.Headers.ContentSecurityPolicy = Policy + embed.PlayerOrigin;
        Embed = embed;
        Title = card.Title.Length == 0 ? embed.Description : $"{embed.Description}\u00A0: {card.Title}";
        return Page();
    }
}
