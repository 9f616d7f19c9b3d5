using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>Admins create accounts and change roles; passwords follow the same rules as the command line.</summary>
[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class AccountsModel(AccountQueries accounts, CreateAccount createAccount, ChangeRole changeRole, IOptions<SiteOptions> site, TimeProvider clock) : AdminPageModel
{
    [BindProperty]
    public NewAccount Input { get; set; } = new();

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? cree, CancellationToken cancellationToken)
    {
        Notice = cree is null ? null : $"Compte créé pour {cree}.";
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && PasswordRules.Problem(Input.Password, Input.Email, [Input.DisplayName, site.Value.Name]) is { } problem)
        {
            ModelState.AddModelError("Input.Password", problem);
        }
        if (ModelState.IsValid && await createAccount.CreateAsync(Input.Email, Input.DisplayName, Input.Role, Input.Password, cancellationToken) is null)
        {
            ModelState.AddModelError("Input.Email", "Cette adresse a déjà un compte.");
        }
        if (!ModelState.IsValid)
        {
            Input.Password = "";
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("/Admin/Accounts/Index", new { cree = AccountQueries.NormalizeEmail(Input.Email) });
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string role, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return BadRequest();
        }
        return await changeRole.ChangeAsync(UserId, id, role, cancellationToken) switch
        {
            RoleChange.Changed => RedirectToPage("/Admin/Accounts/Index"),
            RoleChange.OwnAccount => BadRequest(),
            _ => NotFound(),
        };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(cancellationToken);
        Now = clock.GetUtcNow();
        Meta.Title = "Comptes";
    }
}
