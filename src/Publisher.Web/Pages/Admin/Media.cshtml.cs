using Publisher.Web.Pages.Admin.Articles;

namespace Publisher.Web.Pages.Admin;

public sealed class MediaModel(AdminArticleQueries articles) : AdminPageModel
{
    public IReadOnlyList<MediaRow> Pictures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pictures = await articles.MediaAsync(cancellationToken);
        Meta.Title = "Images";
    }
}
