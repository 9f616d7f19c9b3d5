using System.Globalization;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>A page of articles and the address of the list it belongs to, for the pagination links.</summary>
public sealed record ArticleListView(ArticlePage Page, string ListPath)
{
    public string PageUrl(int pageNumber) =>
        pageNumber <= 1 ? ListPath : string.Create(CultureInfo.InvariantCulture, $"{ListPath}?page={pageNumber}");
}
