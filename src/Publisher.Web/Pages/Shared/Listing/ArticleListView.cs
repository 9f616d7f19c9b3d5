using System.Globalization;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>A page of articles and the address of the list it belongs to, for the pagination links.</summary>
public sealed record ArticleListView(ArticlePage Page, string ListPath)
{
    public string PageUrl(int pageNumber) =>
        pageNumber <= 1 ? ListPath : string.Create(CultureInfo.InvariantCulture, $"{ListPath}?page={pageNumber}");

    /// <summary>Title, description, canonical and neighbours of this page of the list: page 2 and beyond are pages of their own.</summary>
    public void Describe(PageMetadata meta, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var number = Page.PageNumber;
        meta.Title = number == 1 ? title : string.Create(CultureInfo.InvariantCulture, $"{title} – Page {number}");
        meta.Description = number == 1 ? description : string.Create(CultureInfo.InvariantCulture, $"{description} Page {number}.");
        meta.CanonicalPath = PageUrl(number);
        meta.PreviousPath = Page.HasNewer ? PageUrl(number - 1) : null;
        meta.NextPath = Page.HasOlder ? PageUrl(number + 1) : null;
    }
}
