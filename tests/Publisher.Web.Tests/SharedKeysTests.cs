using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// One node of a site behind a load balancer: the app on a database other nodes may share (a SQLite file, or a
/// PostgreSQL database), importing nothing, with a keys folder of its own unless given one.
/// </summary>
public sealed class SiteNode(TestDatabase shared, string? keysPath = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) : PublisherFactory
{
    public override string ContentFolder => Path.Combine(DataFolder, "no-content");

    public string KeysPath => keysPath ?? Path.Combine(DataFolder, "keys");

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var all = new Dictionary<string, string?>(shared.Settings) { ["Admin:KeysPath"] = KeysPath };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }
            return all;
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services) => configureServices?.Invoke(services);

    /// <summary>A browser talking to this node, with a cookie jar it may share with browsers of other nodes (one browser behind the balancer).</summary>
    internal AdminSession Browser(CookieContainer jar) => new(CreateDefaultClient(new CookieContainerHandler(jar)));
}

/// <summary>Several nodes on one database: the keys that sign cookies and forms are the database's, not a node's.</summary>
public sealed class SharedKeysTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "publisher-tests", Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _database;

    private readonly CookieContainer _jar = new();

    public SharedKeysTests() => _database = new TestDatabase(_folder);

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_session_started_on_one_node_is_honoured_by_the_other()
    {
        using var first = new SiteNode(_database);
        using var second = new SiteNode(_database);
        var email = await AdminSession.CreateUserAsync(first, Roles.Editor);
        using var onFirst = first.Browser(_jar);
        using var onSecond = second.Browser(_jar);

        var (signedIn, _) = await onFirst.SignInAsync(email);
        var (admin, _) = await onSecond.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_form_served_by_one_node_is_accepted_by_the_other()
    {
        using var first = new SiteNode(_database);
        using var second = new SiteNode(_database);
        var email = await AdminSession.CreateUserAsync(first, Roles.Editor);
        using var onFirst = first.Browser(_jar);
        using var onSecond = second.Browser(_jar);

        var (_, signInForm) = await onFirst.GetAsync("/admin/connexion");
        var (signedIn, _) = await onSecond.SubmitAsync("/admin/connexion", (IHtmlFormElement)signInForm.QuerySelector("main form")!, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AdminSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location?.OriginalString);

        // Signed in, the token is bound to the account: a form of the first node's admin page, posted to the second.
        var (admin, adminPage) = await onFirst.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var (signedOut, _) = await onSecond.SubmitAsync("/admin", (IHtmlFormElement)adminPage.QuerySelector("form.sign-out")!, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/admin/connexion", signedOut.Headers.Location?.OriginalString);
        AdminSession.AssertRedirectedToSignIn((await onFirst.GetAsync("/admin")).Response);
    }

    [Fact]
    public async Task The_keys_survive_a_restart_without_the_keys_folder()
    {
        var keys = Path.Combine(_folder, "keys");
        using (var before = new SiteNode(_database, keys))
        {
            var email = await AdminSession.CreateUserAsync(before, Roles.Editor);
            using var browser = before.Browser(_jar);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Response.StatusCode);
        }
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }

        using var after = new SiteNode(_database, keys);
        using var again = after.Browser(_jar);

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin")).Response.StatusCode);
        Assert.False(Directory.Exists(keys), "no key is written to the folder any more");
    }

    [Fact]
    public async Task The_keys_of_the_old_keys_folder_are_imported_so_that_nobody_is_signed_out()
    {
        var keys = Path.Combine(_folder, "old-keys");
        // The previous release, keeping its keys in the folder (the database already has the new table, empty).
        using (var previous = new SiteNode(_database, keys, configureServices: services => services.Configure<KeyManagementOptions>(
            options => options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), NullLoggerFactory.Instance))))
        {
            var email = await AdminSession.CreateUserAsync(previous, Roles.Editor);
            using var browser = previous.Browser(_jar);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Response.StatusCode);
        }
        var files = Directory.GetFiles(keys, "*.xml");
        Assert.NotEmpty(files);

        using (var upgraded = new SiteNode(_database, keys))
        {
            using var browser = upgraded.Browser(_jar);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).Response.StatusCode);
        }
        await using (var connection = _database.Open())
        {
            var names = await connection.QueryAsync<string>("SELECT name FROM data_protection_keys");
            Assert.Equal(files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        }

        // Imported once: the folder is not needed any more.
        Directory.Delete(keys, recursive: true);
        using var later = new SiteNode(_database, keys);
        using var stillSignedIn = later.Browser(_jar);
        Assert.Equal(HttpStatusCode.OK, (await stillSignedIn.GetAsync("/admin")).Response.StatusCode);
    }
}
