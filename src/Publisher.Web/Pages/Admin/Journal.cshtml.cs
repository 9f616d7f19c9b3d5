using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Admin;
using Publisher.Web.Admin.Accounts;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin;

[Authorize(Policy = Roles.Policies.Admins)]
public sealed class JournalModel(AuditQueries audit) : SitePageModel
{
    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await audit.LatestAsync(cancellationToken);
        Meta.Title = "Journal";
    }
}
