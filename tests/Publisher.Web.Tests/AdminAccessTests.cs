using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

public sealed class AdminAccessTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin?statut=draft")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        using var session = AdminSession.Open(app);

        var (response, _) = await session.GetAsync(path);

        AdminSession.AssertRedirectedToSignIn(response);
    }

    [Fact]
    public async Task An_editor_signs_in_sees_every_article_and_signs_out()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);

        var (signedIn, _) = await session.SignInAsync(email.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
        var setCookie = string.Join('\n', signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        var (list, page) = await session.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl!.NoStore);
        var titles = page.QuerySelectorAll(".admin-table tbody tr").Select(row => row.QuerySelector("td")!.Text()).ToList();
        Assert.Equal(14, titles.Count);
        var draft = page.QuerySelectorAll(".admin-table tbody tr").Single(row => row.QuerySelector("td")!.Text().StartsWith("Deepfakes", StringComparison.Ordinal));
        Assert.Equal("Brouillon", draft.QuerySelectorAll("td")[1].Text());
        var scheduled = page.QuerySelectorAll(".admin-table tbody tr").Single(row => row.QuerySelector("td")!.Text().StartsWith("Themis", StringComparison.Ordinal));
        Assert.Equal("Programmé", scheduled.QuerySelectorAll("td")[1].Text());

        var (signedOut, _) = await session.SubmitAsync("/admin", (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.sign-out")!, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin")).Response);
    }

    [Fact]
    public async Task Authors_see_published_articles_and_their_own_drafts_not_their_colleagues_drafts()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Author));

        var (_, page) = await session.GetAsync("/admin?statut=draft");

        Assert.Empty(page.QuerySelectorAll(".admin-table tbody tr"));
    }

    [Theory]
    [InlineData("draft", "Brouillon", 1)]
    [InlineData("scheduled", "Programmé", 1)]
    [InlineData("published", "Publié", 12)]
    public async Task The_list_filters_by_status(string status, string label, int count)
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        var (_, page) = await session.GetAsync("/admin?statut=" + status);

        var rows = page.QuerySelectorAll(".admin-table tbody tr");
        Assert.Equal(count, rows.Length);
        Assert.All(rows, row => Assert.Equal(label, row.QuerySelectorAll("td")[1].Text()));
    }

    [Fact]
    public async Task The_list_filters_by_section_and_title_search()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        var (_, spatial) = await session.GetAsync("/admin?rubrique=spatial");
        var (_, search) = await session.GetAsync("/admin?titre=" + Uri.EscapeDataString("elon MUSK"));
        var (_, pattern) = await session.GetAsync("/admin?titre=%25");

        Assert.Equal(3, spatial.QuerySelectorAll(".admin-table tbody tr").Length);
        Assert.All(spatial.QuerySelectorAll(".admin-table tbody tr"), row => Assert.Equal("Spatial", row.QuerySelectorAll("td")[2].Text()));
        Assert.Equal(["Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter"], search.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(cell => cell.Text()));
        Assert.Empty(pattern.QuerySelectorAll(".admin-table tbody tr"));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_message()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);

        var (wrong, wrongPage) = await session.SignInAsync(email, "pas le bon mot de passe");
        var (unknown, unknownPage) = await session.SignInAsync("personne@publisher.test", "pas le bon mot de passe");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(SignInModel.Failure, wrongPage.QuerySelector(".form-errors")!.Text());
        Assert.Equal(SignInModel.Failure, unknownPage.QuerySelector(".form-errors")!.Text());
        Assert.Equal(email, wrongPage.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin")).Response);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_for_a_while()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
        {
            await session.SignInAsync(email, "mauvais mot de passe " + i);
        }

        var (locked, lockedPage) = await session.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(SignInModel.Failure, lockedPage.QuerySelector(".form-errors")!.Text());

        app.Clock.Advance(SignInAttempt.LockoutDuration + TimeSpan.FromSeconds(1));
        var (unlocked, _) = await session.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AdminSession.Password });

        using var response = await session.Client.PostAsync(new Uri("/admin/connexion", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin")).Response);
    }

    [Fact]
    public async Task A_return_address_outside_the_admin_area_is_ignored()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        var (_, page) = await session.GetAsync("/admin/connexion?returnUrl=//evil.example/");

        var (response, _) = await session.SubmitAsync("/admin/connexion?returnUrl=//evil.example/", (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AdminSession.Password });

        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }
}

public sealed class AccountManagementTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task An_admin_creates_an_account_that_signs_in_and_changes_its_role()
    {
        using var admin = AdminSession.Open(app);
        await admin.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Admin));
        var (_, page) = await admin.GetAsync("/admin/comptes");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelectorAll("form.editor").Single();

        var (weak, weakPage) = await admin.SubmitAsync("/admin/comptes", form, new Dictionary<string, string>
        {
            ["Input.Email"] = "nouvelle@publisher.test",
            ["Input.DisplayName"] = "Nouvelle Plume",
            ["Input.Role"] = "author",
            ["Input.Password"] = "court",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.StartsWith("Le mot de passe doit compter au moins 12 caractères", weakPage.QuerySelector("[data-valmsg-for='Input.Password']")!.Text(), StringComparison.Ordinal);

        var (created, _) = await admin.SubmitAsync("/admin/comptes", (AngleSharp.Html.Dom.IHtmlFormElement)weakPage.QuerySelectorAll("form.editor").Single(), new Dictionary<string, string>
        {
            ["Input.Email"] = "nouvelle@publisher.test",
            ["Input.DisplayName"] = "Nouvelle Plume",
            ["Input.Role"] = "author",
            ["Input.Password"] = "une plume toute neuve",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using (var author = AdminSession.Open(app))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await author.SignInAsync("nouvelle@publisher.test", "une plume toute neuve")).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await author.GetAsync("/admin/comptes")).Response.StatusCode);
        }

        var (_, list) = await admin.GetAsync("/admin/comptes");
        var row = list.QuerySelectorAll(".accounts tbody tr").Single(tr => tr.Text().Contains("nouvelle@publisher.test", StringComparison.Ordinal));
        await admin.SubmitAsync("/admin/comptes", (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string> { ["role"] = "editor" });
        var (_, after) = await admin.GetAsync("/admin/comptes");
        var changed = after.QuerySelectorAll(".accounts tbody tr").Single(tr => tr.Text().Contains("nouvelle@publisher.test", StringComparison.Ordinal));
        Assert.Equal("editor", ((AngleSharp.Html.Dom.IHtmlSelectElement)changed.QuerySelector("select")!).Value);
    }
}

public sealed class RateLimitedFactory : PublisherFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admin:SignInAttemptsPerMinute"] = "3" };
}

public sealed class SignInRateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Too_many_attempts_from_one_client_are_refused_for_a_minute()
    {
        using var session = AdminSession.Open(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await session.SignInAsync("personne@publisher.test", "essai " + i)).Response.StatusCode);
        }

        var (response, page) = await session.SignInAsync("personne@publisher.test", "encore");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Trop de tentatives", page.QuerySelector("h1")!.TextContent);
    }
}

/// <summary>The <c>user add</c> command: the first account, with no default credentials.</summary>
public sealed class UserCommandTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string password, params string[] args)
    {
        var (command, _) = CliCommand.Parse(["user", .. args]);
        using var input = new StringReader(password + "\n");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await app.Services.GetRequiredService<UserCommand>().RunAsync(command!, input, false, output, errors, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Creates_an_account_that_can_sign_in()
    {
        var result = await RunAsync("correct cheval pile agrafe", "add", "Alice@Publisher.test", "--name", "Alice Martin", "--role", "admin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Created admin account for alice@publisher.test (Alice Martin).", result.Output.Trim());
        using var session = AdminSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("alice@publisher.test", "correct cheval pile agrafe")).Response.StatusCode);

        var again = await RunAsync("correct cheval pile agrafe", "add", "alice@publisher.test", "--name", "Alice", "--role", "admin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("court", "au moins 12 caractères")]
    [InlineData("aaaaaaaaaaaaaaaa", "répète trop")]
    [InlineData("motdepasse123", "trop facile à deviner")]
    [InlineData("bob.durand2026!", "trop facile à deviner")]
    public async Task Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var result = await RunAsync(password, "add", "bob.durand@publisher.test", "--name", "Bob Durand", "--role", "editor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add", "pas-une-adresse", "--name", "X")]
    [InlineData("add", "x@publisher.test")]
    [InlineData("add", "x@publisher.test", "--name", "X", "--role", "chef")]
    [InlineData("remove", "x@publisher.test", "--name", "X")]
    public async Task A_wrong_command_line_says_how_to_use_it(params string[] args)
    {
        var result = await RunAsync("une phrase de passe assez longue", args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Errors);
    }
}
