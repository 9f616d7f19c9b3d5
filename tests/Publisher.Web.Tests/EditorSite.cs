using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>The app, and one editor signed in for all the previews a test class asks for.</summary>
public sealed class EditorSite : PublisherFactory
{
    private AdminSession? _editor;

    internal async Task<AdminSession> EditorAsync()
    {
        if (_editor is null)
        {
            var session = AdminSession.Open(this);
            await session.SignInAsync(await AdminSession.CreateUserAsync(this, Roles.Editor));
            _editor = session;
        }
        return _editor;
    }

    protected override void Dispose(bool disposing)
    {
        _editor?.Dispose();
        base.Dispose(disposing);
    }
}
