using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Journal;

[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class JournalModel(AuditQueries audit) : AdminPageModel
{
    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await audit.LatestAsync(cancellationToken);
        Meta.Title = "Journal";
    }
}
