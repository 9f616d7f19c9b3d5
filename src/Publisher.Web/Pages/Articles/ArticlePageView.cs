using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Articles;

/// <summary>What _Article.cshtml shows: the article, and « À lire aussi ».</summary>
public sealed record ArticlePageView(ArticleView Article, IReadOnlyList<ArticleSummaryRow> Related);
