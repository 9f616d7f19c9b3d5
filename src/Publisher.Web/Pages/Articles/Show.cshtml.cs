using Microsoft.Extensions.Options;
using Publisher.Web.Caching;
using Publisher.Web.Http;
using Publisher.Web.Media;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Articles;

public sealed class ShowModel(ArticleQueries articles, BodyPictureQueries pictures, RelatedArticles related, ArticleChanges changes, StaffEditLink staff, IOptions<SiteOptions> site, TimeProvider clock) : SitePageModel
{
    public ArticleView Article { get; private set; } = null!;

    public IReadOnlyList<ArticleSummaryRow> Related { get; private set; } = [];

    /// <summary>« Modifier », for a signed-in account that may edit the article.</summary>
    public bool ShowsEditLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var readSince = changes.Watch();
        var article = await articles.FindPublishedAsync(slug, now, cancellationToken);
        if (article is null)
        {
            var former = await articles.FindFormerAddressAsync(slug, now, cancellationToken);
            return former switch
            {
                { MovedTo: { } current } => RedirectPermanent(Routes.Article(current)),
                { Deleted: true } => StatusCode(StatusCodes.Status410Gone),
                _ => NotFound(),
            };
        }
        Article = article;
        Related = await related.ListAsync(article, readSince, cancellationToken);
        CurrentArticleId = article.Id;
        PageCacheTags.AddArticles(HttpContext, [article.Id, .. Related.Select(related => related.Id)]);
        ShowsEditLink = await staff.ShowsAsync(HttpContext, article.Id, cancellationToken);
        Describe(Meta, article, site.Value, await pictures.ListAsync(article.Id, cancellationToken));
        return Page();
    }

    internal static void Describe(PageMetadata meta, ArticleView article, SiteOptions options, IReadOnlyList<BodyPictureRow> bodyImages)
    {
        meta.Title = article.Title;
        meta.Description = article.Standfirst;
        meta.CanonicalPath = Routes.Article(article.Slug);
        meta.OpenGraphType = "article";
        meta.Article = new ArticleFacts(article.PublishedAt, article.UpdatedAt ?? article.PublishedAt, article.SectionName, article.Tags.Select(tag => tag.Name).ToList());
        if (article.Image is { Width: { } width, Height: { } height } image)
        {
            var wide = PictureSizes.Crops(new StoredImage(image.Url, width, height))[0];
            meta.Image = new SocialImage(wide.Url, wide.Width, wide.Height, image.Alt);
        }
        meta.Feeds.Add(new FeedLink($"{article.SectionName} : les articles", Routes.SectionFeed(article.SectionSlug)));
        meta.StructuredData.Add(ArticleStructuredData.NewsArticle(article, options, bodyImages));
        meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (article.SectionName, Routes.Section(article.SectionSlug)), (article.Title, Routes.Article(article.Slug))]);
    }
}
