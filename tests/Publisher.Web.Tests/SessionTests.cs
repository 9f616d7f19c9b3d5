using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// Sessions recorded on the server: signing out, signing out everywhere, a role or password change end them,
/// and none outlives its absolute lifetime, whatever the cookie a browser kept says.
/// </summary>
public sealed class SessionTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    private const string NewPassword = "Cornemuse violette & girafe 74";

    [Fact]
    public async Task A_cookie_copied_before_signing_out_is_refused_after_it()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        var (signedIn, _) = await session.SignInAsync(email);
        var copied = SessionCookie(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copied, "/admin")).StatusCode);

        var (_, page) = await session.GetAsync("/admin");
        var (signedOut, _) = await session.SubmitAsync("/admin", (IHtmlFormElement)page.QuerySelector("form.sign-out")!, new Dictionary<string, string>());
        Assert.Equal("/admin/connexion", signedOut.Headers.Location?.OriginalString);

        AdminSession.AssertRedirectedToSignIn(await GetWithCookieAsync(copied, "/admin"));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_session_of_another_browser()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Author);
        using var laptop = AdminSession.Open(app);
        using var phone = AdminSession.Open(app);
        await laptop.SignInAsync(email);
        await phone.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/admin")).Response.StatusCode);

        var (_, admin) = await laptop.GetAsync("/admin");
        var link = admin.QuerySelectorAll("header a").Single(a => a.TextContent.Trim() == "Mon compte");
        var (_, account) = await laptop.GetAsync(link.GetAttribute("href")!);
        var (signedOut, _) = await laptop.SubmitAsync(link.GetAttribute("href")!, (IHtmlFormElement)account.QuerySelector("form.sign-out-everywhere")!, new Dictionary<string, string>());

        Assert.Equal("/admin/connexion", signedOut.Headers.Location?.OriginalString);
        AdminSession.AssertRedirectedToSignIn((await laptop.GetAsync("/admin")).Response);
        AdminSession.AssertRedirectedToSignIn((await phone.GetAsync("/admin")).Response);
        Assert.Contains("Compte author a fermé toutes ses sessions", await JournalAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_ends_the_sessions_of_that_account_and_its_new_role_applies_at_the_next_sign_in()
    {
        var adminEmail = await AdminSession.CreateUserAsync(app, Roles.Admin);
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var admin = AdminSession.Open(app);
        using var editor = AdminSession.Open(app);
        await admin.SignInAsync(adminEmail);
        var copied = SessionCookie((await editor.SignInAsync(email)).Response);

        // Demoted and promoted back: the role is the same as the cookie's, yet that session was ended.
        await ChangeRoleAsync(admin, email, Roles.Author);
        await ChangeRoleAsync(admin, email, Roles.Editor);
        AdminSession.AssertRedirectedToSignIn(await GetWithCookieAsync(copied, "/admin"));
        AdminSession.AssertRedirectedToSignIn((await editor.GetAsync("/admin")).Response);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/comptes")).Response.StatusCode);

        await ChangeRoleAsync(admin, email, Roles.Admin);
        await editor.SignInAsync(email);
        var (accounts, _) = await editor.GetAsync("/admin/comptes");
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
    }

    [Fact]
    public async Task Changing_ones_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var laptop = AdminSession.Open(app);
        using var phone = AdminSession.Open(app);
        await laptop.SignInAsync(email);
        await phone.SignInAsync(email);

        var (changed, _) = await ChangePasswordAsync(laptop, AdminSession.Password, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var (response, account) = await laptop.GetAsync(changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Votre mot de passe a été changé", account.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/admin")).Response.StatusCode);
        AdminSession.AssertRedirectedToSignIn((await phone.GetAsync("/admin")).Response);

        using var other = AdminSession.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await other.SignInAsync(email)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(email, NewPassword)).Response.StatusCode);
        Assert.Contains("Compte editor a changé son mot de passe", await JournalAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_in_french_and_changes_nothing()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Author);
        using var laptop = AdminSession.Open(app);
        using var phone = AdminSession.Open(app);
        await laptop.SignInAsync(email);
        await phone.SignInAsync(email);

        var (refused, page) = await ChangePasswordAsync(laptop, "pas le bon mot de passe", NewPassword);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Ce n’est pas votre mot de passe actuel.", page.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent.Trim());
        Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.Equal("", input.GetAttribute("value") ?? ""));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/admin")).Response.StatusCode);
        using var other = AdminSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(email)).Response.StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_reason()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Author);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(email);

        var (refused, page) = await ChangePasswordAsync(session, AdminSession.Password, "court");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("au moins 12 caractères", page.QuerySelector("[data-valmsg-for='Input.NewPassword']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_in_use_ends_at_its_absolute_lifetime()
    {
        var lifetime = new AdminOptions().SessionLifetime;
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(email);
        var start = app.Clock.GetUtcNow();

        // Used every six hours, the sliding expiry never ends it.
        while (app.Clock.GetUtcNow() + TimeSpan.FromHours(6) < start + lifetime)
        {
            app.Clock.Advance(TimeSpan.FromHours(6));
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).Response.StatusCode);
        }

        app.Clock.SetUtcNow(start + lifetime);
        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin")).Response);
        await session.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task Resetting_a_password_from_the_command_line_ends_that_accounts_sessions()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(email);

        var (command, _) = CliCommand.Parse(["user", "password", email]);
        using var input = new StringReader(NewPassword + "\n");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await app.Services.GetRequiredService<UserCommand>().RunAsync(command!, input, false, output, errors, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal($"Password changed for {email}; its sessions are ended.", output.ToString().Trim());
        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin")).Response);
        Assert.Equal(HttpStatusCode.OK, (await session.SignInAsync(email)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, NewPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_ends_the_session_it_replaces()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Author);
        using var session = AdminSession.Open(app);
        var copied = SessionCookie((await session.SignInAsync(email)).Response);

        await session.SignInAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).Response.StatusCode);
        AdminSession.AssertRedirectedToSignIn(await GetWithCookieAsync(copied, "/admin"));
    }

    [Fact]
    public async Task Sessions_past_their_lifetime_are_cleared_at_a_later_sign_in_and_only_a_hash_is_kept()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Author);
        using (var old = AdminSession.Open(app))
        {
            await old.SignInAsync(email);
        }
        Assert.Single(await SessionHashesAsync(email), hash => hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower));

        app.Clock.Advance(new AdminOptions().SessionLifetime);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(email);

        Assert.Single(await SessionHashesAsync(email));
    }

    /// <summary>What <c>admin_sessions</c> holds for the account, read from the database file.</summary>
    private async Task<IReadOnlyList<string>> SessionHashesAsync(string email)
    {
        await using var connection = app.Database.Open();
        var hashes = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT s.id_hash FROM admin_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = @Email", new { Email = email }, cancellationToken: TestContext.Current.CancellationToken))).AsList();
        return hashes;
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> ChangePasswordAsync(AdminSession session, string current, string next)
    {
        var (_, admin) = await session.GetAsync("/admin");
        var link = admin.QuerySelectorAll("header a").Single(a => a.TextContent.Trim() == "Mon compte").GetAttribute("href")!;
        var (_, account) = await session.GetAsync(link);
        return await session.SubmitAsync(link, (IHtmlFormElement)account.QuerySelector("form.change-password")!, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.Confirmation"] = next,
        });
    }

    private static async Task ChangeRoleAsync(AdminSession admin, string email, string role)
    {
        var (_, accounts) = await admin.GetAsync("/admin/comptes");
        var form = (IHtmlFormElement)accounts.QuerySelectorAll(".accounts tbody tr").Single(row => row.QuerySelectorAll("td")[1].TextContent == email).QuerySelector("form")!;
        var (changed, _) = await admin.SubmitAsync("/admin/comptes", form, new Dictionary<string, string> { ["role"] = role });
        Assert.Equal("/admin/comptes", changed.Headers.Location?.OriginalString);
    }

    /// <summary>The journal's text, as an admin of its own reads it.</summary>
    private async Task<string> JournalAsync()
    {
        using var admin = AdminSession.Open(app);
        await admin.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Admin));
        var (_, journal) = await admin.GetAsync("/admin/journal");
        return string.Join('\n', journal.QuerySelectorAll(".journal tbody tr").Select(row => string.Join(' ', row.QuerySelectorAll("td").Skip(1).Select(cell => cell.TextContent.Trim()))));
    }

    /// <summary>The session cookie a response sets, as a browser would send it back.</summary>
    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]).Single(cookie => cookie.StartsWith(AdminServices.SessionCookie + "=", StringComparison.Ordinal));

    /// <summary>A GET from another client that sends the given cookie and nothing else (a copy kept elsewhere).</summary>
    private async Task<HttpResponseMessage> GetWithCookieAsync(string cookie, string path)
    {
        using var client = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
