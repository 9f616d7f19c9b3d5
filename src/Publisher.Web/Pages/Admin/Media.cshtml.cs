using Publisher.Web.Admin.Articles;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin;

public sealed class MediaModel(AdminArticleQueries articles) : SitePageModel
{
    public IReadOnlyList<MediaRow> Pictures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pictures = await articles.MediaAsync(cancellationToken);
        Meta.Title = "Images";
    }
}
