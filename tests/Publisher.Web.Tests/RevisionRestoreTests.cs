using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>Restoring a revision from the history: audited in the same transaction, refused with a message when someone saved meanwhile.</summary>
public sealed class RevisionRestoreTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    private static IHtmlFormElement RestoreForm(IHtmlDocument history, int revision) =>
        (IHtmlFormElement)history.QuerySelectorAll(".admin-table form").Single(form => form.QuerySelector("button")!.Text() == $"Restaurer la révision {revision}");

    private async Task<AdminSession> SignedInAsync(string role)
    {
        var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, role));
        return session;
    }

    // An article saved twice from the editor: revision 1 with the first body, revision 2 with the second.
    private static async Task<string> ArticleWithTwoRevisionsAsync(AdminSession session, string title)
    {
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = "",
            ["Input.Standfirst"] = "Un chapô.",
            ["Input.Section"] = "Spatial",
            ["Input.Author"] = "Julien Marchetti",
            ["Input.Tags"] = "ESA",
            ["Input.Body"] = "Le premier texte.",
            ["Input.Status"] = "published",
            ["Input.PublishAt"] = "2026-11-24T11:30",
        }, "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);
        await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.Body"] = "Le second texte." }, "Enregistrer");
        return path;
    }

    private async Task<IReadOnlyList<string>> JournalLinesAsync(string title)
    {
        using var admin = await SignedInAsync(Roles.Admin);
        var (_, journal) = await admin.GetAsync("/admin/journal");
        return journal.QuerySelectorAll(".journal tbody tr")
            .Where(row => row.Text().Contains(title, StringComparison.Ordinal))
            .Select(row => row.QuerySelectorAll("td")[2].Text()).ToList();
    }

    [Fact]
    public async Task Restoring_a_revision_is_in_the_journal()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var path = await ArticleWithTwoRevisionsAsync(session, "Une révision restaurée");
        var (_, history) = await session.GetAsync(path + "/historique");

        var (restored, _) = await session.SubmitAsync(path + "/historique", RestoreForm(history, 1), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal("Le premier texte.", (await app.GetPageAsync("/articles/une-revision-restauree")).Document.QuerySelector(".article-body")!.Text());
        Assert.Equal("a restauré une révision de Une révision restaurée", (await JournalLinesAsync("Une révision restaurée"))[0]);
    }

    [Fact]
    public async Task Restoring_a_draft_revision_of_a_published_article_restores_its_words_and_leaves_it_published()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), new Dictionary<string, string>
        {
            ["Input.Title"] = "Un brouillon devenu article",
            ["Input.Slug"] = "",
            ["Input.Standfirst"] = "Un chapô.",
            ["Input.Section"] = "Spatial",
            ["Input.Author"] = "Julien Marchetti",
            ["Input.Tags"] = "ESA",
            ["Input.Body"] = "Le texte du brouillon.",
            ["Input.Status"] = "draft",
            ["Input.PublishAt"] = "2026-11-24T11:30",
        }, "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);
        await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.Body"] = "Le texte publié.", ["Input.Status"] = "published" }, "Enregistrer");
        var (_, history) = await session.GetAsync(path + "/historique");

        var (_, comparison) = await session.GetAsync(history.QuerySelector(".admin-table a[href*='de=1']")!.GetAttribute("href")!);
        var fields = comparison.QuerySelectorAll(".diff h3").Select(heading => heading.Text()).ToList();
        Assert.Contains("Statut", fields);
        Assert.Contains("Publié", comparison.QuerySelectorAll(".diff ins").Select(added => added.LastChild!.TextContent));
        Assert.Contains("Brouillon", comparison.QuerySelectorAll(".diff del").Select(removed => removed.LastChild!.TextContent));

        var (restored, _) = await session.SubmitAsync(path + "/historique", RestoreForm(history, 1), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var (response, article) = await app.GetPageAsync("/articles/un-brouillon-devenu-article");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Le texte du brouillon.", article.QuerySelector(".article-body")!.Text());
        var (_, editor) = await session.GetAsync(path);
        Assert.True(((IHtmlInputElement)editor.QuerySelector("#statut-publie")!).IsChecked);
    }

    [Fact]
    public async Task A_restore_whose_journal_line_cannot_be_written_restores_nothing()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var path = await ArticleWithTwoRevisionsAsync(session, "Une restauration interrompue");
        var (_, history) = await session.GetAsync(path + "/historique");
        // The journal refuses this one line, as a crash between the restore and its line would lose it.
        var sqlite = app.Database.Engine == DatabaseEngine.Sqlite;
        await ExecuteAsync(sqlite
            ? """
              CREATE TRIGGER refuse_restore_line BEFORE INSERT ON audit_log WHEN NEW.action = 'revision-restored'
              BEGIN SELECT RAISE(ABORT, 'journal unavailable'); END
              """
            : """
              CREATE FUNCTION refuse_restore_line() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'journal unavailable'; END $$;
              CREATE TRIGGER refuse_restore_line BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'revision-restored') EXECUTE FUNCTION refuse_restore_line();
              """);
        try
        {
            var (failed, _) = await session.SubmitAsync(path + "/historique", RestoreForm(history, 1), new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await ExecuteAsync(sqlite ? "DROP TRIGGER refuse_restore_line" : "DROP TRIGGER refuse_restore_line ON audit_log; DROP FUNCTION refuse_restore_line()");
        }

        var (_, after) = await session.GetAsync(path + "/historique");
        Assert.Equal(["2", "1"], after.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(cell => cell.Text()));
        Assert.Equal("Le second texte.", (await app.GetPageAsync("/articles/une-restauration-interrompue")).Document.QuerySelector(".article-body")!.Text());
        Assert.DoesNotContain(await JournalLinesAsync("Une restauration interrompue"), line => line.StartsWith("a restauré", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restore_after_someone_else_saved_is_refused_with_a_french_message()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var path = await ArticleWithTwoRevisionsAsync(session, "Une restauration en conflit");
        var (_, history) = await session.GetAsync(path + "/historique");
        using var colleague = AdminSession.Open(app);
        await app.Services.GetRequiredService<CreateAccount>().CreateAsync("collegue@publisher.test", "Camille Collègue", Roles.Editor, AdminSession.Password, TestContext.Current.CancellationToken);
        await colleague.SignInAsync("collegue@publisher.test");
        var (_, copy) = await colleague.GetAsync(path);
        await colleague.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.Body"] = "Le texte du collègue." }, "Enregistrer");

        var (response, page) = await session.SubmitAsync(path + "/historique", RestoreForm(history, 1), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rien n’a été restauré", page.QuerySelector(".conflict")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Camille Collègue", page.QuerySelector(".conflict")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Le texte du collègue.", (await app.GetPageAsync("/articles/une-restauration-en-conflit")).Document.QuerySelector(".article-body")!.Text());
        Assert.Equal(["3", "2", "1"], page.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(cell => cell.Text()));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = app.Database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
