using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;

namespace Publisher.Web.Pages.Admin;

public sealed class MediaModel(AdminArticleQueries articles, TimeProvider clock) : AdminPageModel
{
    public IReadOnlyList<MediaRow> Pictures { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Pictures = await articles.MediaAsync(AdminArticleQueries.ReaderOf(UserId, await MayAsync(Permissions.Publish)), Now, cancellationToken);
        Meta.Title = "Images";
    }
}
