using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>Deleting an article and bringing it back: the two buttons of the editor's danger zone.</summary>
[Authorize(Policy = Permissions.Publish)]
public sealed class DeletionModel : AdminPageModel
{
    public IActionResult OnGet(long id) => RedirectToPage("/Admin/Articles/Edit", new { id });

    public async Task<IActionResult> OnPostDeleteAsync(long id, [FromServices] DeleteArticle delete, [FromServices] DiscardWorkingCopy copies, CancellationToken cancellationToken)
    {
        if (!await delete.DeleteAsync(id, UserId, cancellationToken))
        {
            return NotFound();
        }
        await copies.DiscardAsync(UserId, id, cancellationToken);
        return RedirectToPage("/Admin/Articles/Edit", new { id });
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id, [FromServices] DeleteArticle restore, CancellationToken cancellationToken) =>
        await restore.RestoreAsync(id, UserId, cancellationToken) ? RedirectToPage("/Admin/Articles/Edit", new { id }) : NotFound();
}
