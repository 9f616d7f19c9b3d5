using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Pages.Admin.Articles;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Who may do what, in one place: one authorization policy per kind of action. Authors write their own
/// drafts; editors also publish, schedule, delete, restore and edit everyone's articles; admins also manage
/// accounts and read the journal. Pages ask these policies and never test roles themselves.
/// </summary>
public static class Permissions
{
    /// <summary>Enter the admin area and write drafts.</summary>
    public const string Write = "write";

    /// <summary>Publish, schedule, unpublish, delete and restore; see every article and its history.</summary>
    public const string Publish = "publish";

    /// <summary>Add a section, an author or a tag to the site, by naming it in an article.</summary>
    public const string CreateTopics = "create-topics";

    /// <summary>Create accounts, change roles, read the journal.</summary>
    public const string ManageAccounts = "manage-accounts";

    /// <summary>Open and save one article (the resource, an <see cref="EditableArticleRow"/>): editors any, authors their own drafts.</summary>
    public const string EditArticle = "edit-article";

    public static AuthorizationBuilder AddPublisherPermissions(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Write, policy => policy.RequireRole(Roles.Author, Roles.Editor, Roles.Admin))
            .AddPolicy(Publish, policy => policy.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(CreateTopics, policy => policy.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(ManageAccounts, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(EditArticle, policy => policy.AddRequirements(new EditArticleRequirement()));
    }

    /// <summary>The signed-in account's id.</summary>
    public static long UserId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
    }
}

public sealed class EditArticleRequirement : IAuthorizationRequirement;

/// <summary>Editors and admins open every article; an author opens only the drafts they created.</summary>
public sealed class EditArticleHandler : AuthorizationHandler<EditArticleRequirement, EditableArticleRow>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EditArticleRequirement requirement, EditableArticleRow resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        if (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.Author) && resource.Status == "draft" && resource.CreatedBy == Permissions.UserId(user)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
