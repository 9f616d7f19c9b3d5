using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Dapper;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>What an editor types is kept as their own working copy of the article, offered back until a save or « Ignorer ».</summary>
public sealed class WorkingCopyTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    private static Dictionary<string, string> Article(string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = "",
        ["Input.Standfirst"] = "Un chapô qui dit l’essentiel.",
        ["Input.Section"] = "Spatial",
        ["Input.Author"] = "Julien Marchetti",
        ["Input.Tags"] = "Fusées",
        ["Input.Body"] = "Le texte tel qu’il a été enregistré.",
        ["Input.Status"] = "draft",
        ["Input.PublishAt"] = "2026-11-24T12:30",
    };

    private async Task<AdminSession> SignedInAsync(string role)
    {
        var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, role));
        return session;
    }

    /// <summary>A new article saved by <paramref name="session"/>: the editor's address.</summary>
    private static async Task<string> CreateAsync(AdminSession session, string title)
    {
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article(title), "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.OriginalString.Split('?')[0];
    }

    /// <summary>Posts the editor's form of <paramref name="page"/> as its script does, to the autosave handler.</summary>
    internal static async Task<(HttpStatusCode Status, string? Message)> AutosaveAsync(AdminSession session, string path, IHtmlDocument page, IReadOnlyDictionary<string, string> values)
    {
        var form = Editor(page);
        form.SetAttribute("action", path + "?handler=Autosave");
        var (response, _) = await session.SubmitAsync(path, form, values);
        var message = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("message").GetString()
            : null;
        return (response.StatusCode, message);
    }

    private async Task<long> CopiesAsync(string where = "1 = 1", object? parameters = null)
    {
        await using var connection = app.Database.Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM working_copies WHERE {where}", parameters, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static IHtmlAnchorElement Resume(IHtmlDocument page) =>
        page.QuerySelectorAll(".working-copy a").OfType<IHtmlAnchorElement>().Single(link => link.Text() == "Reprendre ma copie");

    private static string Body(IHtmlDocument page) => ((IHtmlTextAreaElement)page.QuerySelector("#Input_Body")!).Value;

    [Fact]
    public async Task An_autosave_is_offered_back_resumed_without_javascript_and_cleared_by_the_save()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(editor, "Un article tapé puis abandonné");
        var (_, loaded) = await editor.GetAsync(path);
        var revision = ((IHtmlInputElement)loaded.QuerySelector("#Input_Revision")!).Value;

        var (status, message) = await AutosaveAsync(editor, path, loaded, new Dictionary<string, string> { ["Input.Body"] = "Un texte tapé, jamais enregistré.", ["Input.Title"] = "Un titre retouché" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Copie de travail enregistrée à 13\u00A0h", message);
        // Neither the article nor its history moved.
        var (_, again) = await editor.GetAsync(path);
        Assert.Equal("Le texte tel qu’il a été enregistré.", Body(again));
        Assert.Equal(revision, ((IHtmlInputElement)again.QuerySelector("#Input_Revision")!).Value);
        var (_, history) = await editor.GetAsync(path + "/historique");
        Assert.Single(history.QuerySelectorAll(".admin-table tbody tr"));

        var banner = again.QuerySelector(".working-copy")!;
        Assert.Equal("Vous avez des modifications non enregistrées du 24 novembre 2026 à 13 h.", banner.QuerySelector("p")!.Text());
        Assert.Contains(banner.QuerySelectorAll("button"), button => button.Text() == "Ignorer");
        Assert.Equal(path + "?copie=reprendre", Resume(again).GetAttribute("href"));
        Assert.Equal(path + "?handler=Autosave", loaded.QuerySelector(".autosave-status")!.GetAttribute("data-url"));

        var (resumed, copy) = await editor.GetAsync(Resume(again).GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("Un texte tapé, jamais enregistré.", Body(copy));
        Assert.Equal("Un titre retouché", ((IHtmlInputElement)copy.QuerySelector("#Input_Title")!).Value);
        Assert.Equal(revision, ((IHtmlInputElement)copy.QuerySelector("#Input_Revision")!).Value);
        Assert.StartsWith("Voici votre copie de travail du 24 novembre 2026 à 13 h", copy.QuerySelector(".working-copy")!.Text(), StringComparison.Ordinal);

        var (saved, _) = await editor.SubmitAsync(path, Editor(copy), new Dictionary<string, string>(), "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await editor.GetAsync(path);
        Assert.Null(after.QuerySelector(".working-copy"));
        Assert.Equal("Un texte tapé, jamais enregistré.", Body(after));
        Assert.Equal(0, await CopiesAsync("article_id = @Id", new { Id = long.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task A_new_article_has_a_copy_found_again_from_nouvel_article_until_it_is_saved()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, blank) = await editor.GetAsync("/admin/articles");

        var (status, _) = await AutosaveAsync(editor, "/admin/articles", blank, new Dictionary<string, string> { ["Input.Title"] = "Un article jamais enregistré", ["Input.Body"] = "Son premier paragraphe." });
        Assert.Equal(HttpStatusCode.OK, status);

        var (_, again) = await editor.GetAsync("/admin/articles");
        Assert.Equal("", ((IHtmlInputElement)again.QuerySelector("#Input_Title")!).Value);
        Assert.Equal("/admin/articles?copie=reprendre", Resume(again).GetAttribute("href"));
        Assert.Equal("/admin/articles?handler=Autosave", again.QuerySelector(".autosave-status")!.GetAttribute("data-url"));
        var (resumedResponse, copy) = await editor.GetAsync(Resume(again).GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, resumedResponse.StatusCode);
        Assert.Equal("Un article jamais enregistré", ((IHtmlInputElement)copy.QuerySelector("#Input_Title")!).Value);
        Assert.Equal("Son premier paragraphe.", Body(copy));

        var values = Article("Un article jamais enregistré");
        values.Remove("Input.Body");
        var (saved, _) = await editor.SubmitAsync("/admin/articles", Editor(copy), values, "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, blankAgain) = await editor.GetAsync("/admin/articles");
        Assert.Null(blankAgain.QuerySelector(".working-copy"));
        var (_, article) = await editor.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("Son premier paragraphe.", Body(article));
    }

    [Fact]
    public async Task A_copy_is_its_accounts_own()
    {
        using var mine = await SignedInAsync(Roles.Editor);
        using var colleague = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(mine, "Un article que deux éditeurs ouvrent");
        var (_, loaded) = await mine.GetAsync(path);
        await AutosaveAsync(mine, path, loaded, new Dictionary<string, string> { ["Input.Body"] = "Mes notes personnelles, pas encore prêtes." });

        var (_, theirs) = await colleague.GetAsync(path);
        Assert.Null(theirs.QuerySelector(".working-copy"));
        var (_, asked) = await colleague.GetAsync(path + "?copie=reprendre");
        Assert.Equal("Le texte tel qu’il a été enregistré.", Body(asked));
        Assert.DoesNotContain("Mes notes personnelles", asked.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var (_, blank) = await colleague.GetAsync("/admin/articles");
        Assert.Null(blank.QuerySelector(".working-copy"));
        var (_, mineAgain) = await mine.GetAsync(path);
        Assert.NotNull(mineAgain.QuerySelector(".working-copy"));
    }

    [Fact]
    public async Task Two_tabs_leave_the_last_ones_copy()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(editor, "Un article ouvert dans deux onglets");
        var (_, firstTab) = await editor.GetAsync(path);
        var (_, secondTab) = await editor.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(editor, path, firstTab, new Dictionary<string, string> { ["Input.Body"] = "Premier onglet." })).Status);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(editor, path, secondTab, new Dictionary<string, string> { ["Input.Body"] = "Second onglet." })).Status);

        var (_, copy) = await editor.GetAsync(path + "?copie=reprendre");
        Assert.Equal("Second onglet.", Body(copy));
    }

    [Fact]
    public async Task A_colleagues_save_since_the_copy_is_said_and_resuming_it_is_still_refused_as_a_conflict()
    {
        using var mine = await SignedInAsync(Roles.Editor);
        using var colleague = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(mine, "Un article repris après un collègue");
        var (_, loaded) = await mine.GetAsync(path);
        await AutosaveAsync(mine, path, loaded, new Dictionary<string, string> { ["Input.Body"] = "Ma version, restée dans ma copie." });
        var (_, theirs) = await colleague.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.SubmitAsync(path, Editor(theirs), new Dictionary<string, string> { ["Input.Standfirst"] = "Le chapô du collègue." }, "Enregistrer")).Response.StatusCode);

        var (_, again) = await mine.GetAsync(path);
        var banner = again.QuerySelector(".working-copy")!.Text();
        Assert.Contains("Entre-temps, Compte editor a enregistré l’article (révision 2, le 24 novembre 2026 à 13 h).", banner, StringComparison.Ordinal);
        Assert.Contains("Si vous reprenez votre copie, son enregistrement sera refusé", banner, StringComparison.Ordinal);

        var (_, copy) = await mine.GetAsync(path + "?copie=reprendre");
        Assert.Equal("1", ((IHtmlInputElement)copy.QuerySelector("#Input_Revision")!).Value);
        var (refused, conflict) = await mine.SubmitAsync(path, Editor(copy), new Dictionary<string, string>(), "Enregistrer");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Cet article a été modifié entre-temps", conflict.QuerySelector(".conflict h2")!.Text());
        Assert.Equal("Ma version, restée dans ma copie.", Body(conflict));
    }

    [Fact]
    public async Task Ignorer_deletes_the_copy()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(editor, "Un article dont la copie est ignorée");
        var (_, loaded) = await editor.GetAsync(path);
        await AutosaveAsync(editor, path, loaded, new Dictionary<string, string> { ["Input.Body"] = "Un brouillon de trop." });
        var (_, offered) = await editor.GetAsync(path);

        var ignore = (IHtmlFormElement)offered.QuerySelector(".working-copy form")!;
        var (ignored, _) = await editor.SubmitAsync(path, ignore, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, ignored.StatusCode);
        Assert.Equal(path, ignored.Headers.Location!.OriginalString);
        var (_, after) = await editor.GetAsync(path);
        Assert.Null(after.QuerySelector(".working-copy"));
        Assert.Equal("Le texte tel qu’il a été enregistré.", Body(after));
    }

    [Fact]
    public async Task Deleting_the_article_deletes_the_copy()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(editor, "Un article supprimé avec sa copie");
        var id = long.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var (_, loaded) = await editor.GetAsync(path);
        await AutosaveAsync(editor, path, loaded, new Dictionary<string, string> { ["Input.Body"] = "Une retouche." });
        Assert.Equal(1, await CopiesAsync("article_id = @Id", new { Id = id }));

        var delete = (IHtmlFormElement)loaded.QuerySelector("form.danger-zone")!;
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(path, delete, new Dictionary<string, string>())).Response.StatusCode);

        Assert.Equal(0, await CopiesAsync("article_id = @Id", new { Id = id }));
    }

    [Theory]
    [InlineData("Input.Body", 200_001, "Copie de travail non enregistrée. Le texte dépasse 200 000 caractères.")]
    [InlineData("Input.Title", 201, "Copie de travail non enregistrée. Le titre ne doit pas dépasser 200 caractères.")]
    [InlineData("Input.Section", 1_001, "Copie de travail non enregistrée. Un champ dépasse 1 000 caractères.")]
    public async Task An_oversized_autosave_is_refused_in_french_and_nothing_is_kept(string field, int length, string expected)
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await CreateAsync(editor, $"Un article trop long ({field})");
        var (_, loaded) = await editor.GetAsync(path);

        var (status, message) = await AutosaveAsync(editor, path, loaded, new Dictionary<string, string> { [field] = new string('a', length) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, Html.Normalize(message!));
        var (_, again) = await editor.GetAsync(path);
        Assert.Null(again.QuerySelector(".working-copy"));
    }

    [Fact]
    public async Task A_body_beyond_what_the_server_reads_is_refused_without_a_server_error()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, blank) = await editor.GetAsync("/admin/articles");

        var (status, _) = await AutosaveAsync(editor, "/admin/articles", blank, new Dictionary<string, string> { ["Input.Body"] = new string('a', 5 * 1024 * 1024) });

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {status}");
    }

    [Fact]
    public async Task An_autosave_needs_the_forms_token_and_an_article_its_account_may_open()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        using var author = await SignedInAsync(Roles.Author);
        var path = await CreateAsync(editor, "Un article qu’un auteur ne peut pas ouvrir");
        var id = long.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        using var tokenless = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Body"] = "Sans jeton." });
        var withoutToken = await editor.Client.PostAsync(new Uri(path + "?handler=Autosave", UriKind.Relative), tokenless, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var (_, own) = await author.GetAsync("/admin/articles");
        var (status, _) = await AutosaveAsync(author, path, own, new Dictionary<string, string> { ["Input.Body"] = "Le texte d’un autre." });
        Assert.Equal(HttpStatusCode.Redirect, status);

        Assert.Equal(0, await CopiesAsync("article_id = @Id", new { Id = id }));
    }
}

/// <summary>A working copy is in the database: the app stopped and started again offers it back.</summary>
public sealed class WorkingCopyRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "publisher-tests", Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _database;

    public WorkingCopyRestartTests() => _database = new TestDatabase(_folder);

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_copy_survives_a_restart_of_the_app()
    {
        var keys = Path.Combine(_folder, "keys");
        string email;
        using (var before = new SiteNode(_database, keys))
        {
            email = await AdminSession.CreateUserAsync(before, Roles.Editor);
            using var browser = AdminSession.Open(before);
            await browser.SignInAsync(email);
            var (_, blank) = await browser.GetAsync("/admin/articles");
            var (status, _) = await WorkingCopyTests.AutosaveAsync(browser, "/admin/articles", blank, new Dictionary<string, string> { ["Input.Title"] = "Tapé avant le redémarrage" });
            Assert.Equal(HttpStatusCode.OK, status);
        }

        using var after = new SiteNode(_database, keys);
        using var again = AdminSession.Open(after);
        await again.SignInAsync(email);
        var (_, page) = await again.GetAsync("/admin/articles?copie=reprendre");

        Assert.Equal("Tapé avant le redémarrage", ((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value);
        Assert.NotNull(page.QuerySelector(".working-copy"));
    }
}
