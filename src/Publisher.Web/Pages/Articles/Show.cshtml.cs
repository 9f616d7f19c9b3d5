using Microsoft.Extensions.Options;
using Publisher.Web.Caching;
using Publisher.Web.Http;
using Publisher.Web.Media;
using Publisher.Web.Pages.Shared;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Articles;

public sealed class ShowModel(ArticleQueries articles, BodyPictureQueries pictures, RelatedArticles related, ArticleChanges changes, IOptions<SiteOptions> site, TimeProvider clock) : SitePageModel
{
    public ArticleView Article { get; private set; } = null!;

    public IReadOnlyList<ArticleSummaryRow> Related { get; private set; } = [];

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
        Describe(article, site.Value, await pictures.ListAsync(article.Id, cancellationToken));
        return Page();
    }

    private void Describe(ArticleView article, SiteOptions options, IReadOnlyList<BodyPictureRow> bodyImages)
    {
        Meta.Title = article.Title;
        Meta.Description = article.Standfirst;
        Meta.CanonicalPath = Routes.Article(article.Slug);
        Meta.OpenGraphType = "article";
        Meta.Article = new ArticleFacts(article.PublishedAt, article.UpdatedAt ?? article.PublishedAt, article.SectionName, article.Tags.Select(tag => tag.Name).ToList());
        if (article.Image is { Width: { } width, Height: { } height } image)
        {
            var wide = PictureSizes.Crops(new StoredImage(image.Url, width, height))[0];
            Meta.Image = new SocialImage(wide.Url, wide.Width, wide.Height, image.Alt);
        }
        Meta.Feeds.Add(new FeedLink($"{article.SectionName} : les articles", Routes.SectionFeed(article.SectionSlug)));
        Meta.StructuredData.Add(ArticleStructuredData.NewsArticle(article, options, bodyImages));
        Meta.Breadcrumbs.AddRange([("Accueil", Routes.Home), (article.SectionName, Routes.Section(article.SectionSlug)), (article.Title, Routes.Article(article.Slug))]);
    }
}
