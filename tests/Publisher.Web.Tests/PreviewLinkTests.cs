using System.Net;
using AngleSharp.Html.Dom;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>Preview links of drafts and scheduled articles, « Voir l’article » in the editor, and « Modifier » on the public page.</summary>
public sealed class PreviewLinkTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private async Task<AdminSession> SignedInAsync(string role)
    {
        var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, role));
        return session;
    }

    /// <summary>Saves an article from the editor; returns its editor's path.</summary>
    internal static async Task<string> SaveAsync(AdminSession session, string title, string status = "draft", string body = "Un texte d’aperçu, avec sa phrase.")
    {
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (saved, _) = await session.SubmitAsync("/admin/articles", (IHtmlFormElement)blank.QuerySelector("form.editor")!, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = "",
            ["Input.Standfirst"] = "Le chapô de l’aperçu.",
            ["Input.Section"] = "Spatial",
            ["Input.Author"] = "Julien Marchetti",
            ["Input.Tags"] = "Fusées",
            ["Input.Body"] = body,
            ["Input.Status"] = status,
            ["Input.PublishAt"] = "2026-11-24T12:30",
        }, "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString.Split('?')[0];
    }

    /// <summary>Creates a preview link from the article's editor, as a browser would; returns the page shown and the link's site-relative path.</summary>
    internal static async Task<(HttpResponseMessage Response, IHtmlDocument Page, string Path)> CreateLinkAsync(AdminSession session, string editorPath, string days = "7")
    {
        var (_, editor) = await session.GetAsync(editorPath);
        var form = (IHtmlFormElement)editor.QuerySelector("#liens-apercu form.inline-form")!;
        var (response, page) = await session.SubmitAsync(editorPath, form, new Dictionary<string, string> { ["Input.Days"] = days }, "Créer un lien d’aperçu");
        var url = (page.QuerySelector("#lien-apercu-nouveau") as IHtmlInputElement)?.Value;
        return (response, page, url is null ? "" : PublisherFactory.PathOf(url));
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> RevokeAllAsync(AdminSession session, string editorPath)
    {
        var (_, editor) = await session.GetAsync(editorPath);
        var form = (IHtmlFormElement)editor.QuerySelector("#liens-apercu table form")!;
        var (revoked, _) = await session.SubmitAsync(editorPath, form, new Dictionary<string, string>(), "Révoquer");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        return await session.GetAsync(revoked.Headers.Location!.OriginalString);
    }

    // The admin area answers « Accès refusé » (403) through a redirect, as for every other refusal.
    private static async Task AssertRefusedAsync(AdminSession session, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/acces-refuse?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(response.Headers.Location.OriginalString)).Response.StatusCode);
    }

    [Fact]
    public async Task A_drafts_preview_link_shows_it_to_anyone_as_readers_will_see_it_and_nobody_keeps_or_indexes_it()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un brouillon à faire relire", body: "Le texte que seul l’aperçu montre.");

        var (created, page, link) = await CreateLinkAsync(editor, path);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith("/apercu/", link, StringComparison.Ordinal);
        Assert.Contains("Copiez-le maintenant", page.QuerySelector(".preview-link-created")!.Text(), StringComparison.Ordinal);

        using var reader = app.CreateReader();
        for (var i = 0; i < 2; i++)
        {
            using var response = await reader.GetAsync(new Uri(link, UriKind.Relative), TestContext.Current.CancellationToken);
            var preview = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Un brouillon à faire relire", preview.QuerySelector("main article h1")!.Text());
            Assert.Equal("Le texte que seul l’aperçu montre.", preview.QuerySelector("main article .article-body")!.Text());
            Assert.Equal("Par Julien Marchetti", preview.QuerySelector("main article .byline span")!.Text());
            Assert.Equal("Aperçu — cet article n’est pas publié", preview.QuerySelector(".preview-banner")!.Text());
            Assert.NotNull(preview.Sidebar());
            Assert.StartsWith("noindex", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
            Assert.Null(preview.QuerySelector("link[rel=canonical]"));
            Assert.Equal("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.True(response.Headers.CacheControl.Private);
            Assert.Null(response.Headers.Age);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/un-brouillon-a-faire-relire")).Response.StatusCode);
    }

    [Fact]
    public async Task A_scheduled_articles_preview_shows_its_date_to_come()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = $"/admin/articles/{await app.ArticleIdAsync(SampleContent.ScheduledSlug)}";

        var (_, _, link) = await CreateLinkAsync(editor, path);
        var (response, preview) = await app.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Publié le 2 mars 2027", preview.QuerySelector("main article .dates")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_link_answers_410_with_a_french_page_and_leaves_the_others_working()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un brouillon au lien révoqué");
        var (_, _, kept) = await CreateLinkAsync(editor, path);
        var (_, _, revoked) = await CreateLinkAsync(editor, path);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync(revoked)).Response.StatusCode);

        var (_, linksPage) = await RevokeAllAsync(editor, path);

        Assert.Equal("Lien révoqué : son adresse ne montre plus l’article.", linksPage.QuerySelector(".notice")!.Text());
        var (response, page) = await app.GetPageAsync(revoked);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Lien d’aperçu révoqué", page.QuerySelector("main h1")!.Text());
        Assert.Contains("Demandez un nouveau lien", page.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync(kept)).Response.StatusCode);
        var (_, editorPage) = await editor.GetAsync(path);
        Assert.Single(editorPage.QuerySelectorAll("#liens-apercu tbody tr"));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("short")]
    public async Task A_token_that_was_never_issued_answers_404(string kind)
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, _, link) = await CreateLinkAsync(editor, await SaveAsync(editor, "Un brouillon au lien altéré " + kind));
        var last = link[^1];
        var wrong = kind == "tampered" ? link[..^1] + (last == 'a' ? 'b' : 'a') : "/apercu/abc";

        var (response, page) = await app.GetPageAsync(wrong);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page introuvable", page.QuerySelector("main h1")!.Text());
    }

    [Fact]
    public async Task Once_the_article_is_published_its_link_leads_to_its_public_page()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un brouillon bientôt publié");
        var (_, _, link) = await CreateLinkAsync(editor, path);
        var (_, copy) = await editor.GetAsync(path);
        await editor.SubmitAsync(path, (IHtmlFormElement)copy.QuerySelector("form.editor")!, new Dictionary<string, string> { ["Input.Status"] = "published" }, "Enregistrer");

        var (response, _) = await app.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/articles/un-brouillon-bientot-publie", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_deleted_articles_link_stops_working()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un brouillon supprimé");
        var (_, _, link) = await CreateLinkAsync(editor, path);
        var (_, copy) = await editor.GetAsync(path);
        await editor.SubmitAsync(path, (IHtmlFormElement)copy.QuerySelector("form.danger-zone")!, new Dictionary<string, string>());

        var (response, page) = await app.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Aperçu indisponible", page.QuerySelector("main h1")!.Text());
        Assert.DoesNotContain("Un brouillon supprimé", page.QuerySelector("main")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previews_are_in_no_sitemap_feed_or_search()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, _, link) = await CreateLinkAsync(editor, await SaveAsync(editor, "Un brouillon introuvable ailleurs"));
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync(link)).Response.StatusCode);

        var (_, index) = await app.GetPageAsync("/sitemap.xml");
        var published = new List<string> { "/sitemap.xml", "/sitemap-news.xml", "/feed.xml", "/rubriques/spatial", "/recherche?q=introuvable" };
        published.AddRange(index.QuerySelectorAll("loc").Select(loc => PublisherFactory.PathOf(loc.TextContent.Trim())));
        foreach (var path in published)
        {
            var (response, document) = await app.GetPageAsync(path);
            Assert.True(response.IsSuccessStatusCode, path);
            var text = document.DocumentElement.OuterHtml;
            Assert.DoesNotContain("/apercu/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("introuvable ailleurs", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_author_shares_their_own_draft_but_not_a_colleagues()
    {
        using var author = await SignedInAsync(Roles.Author);
        using var colleague = await SignedInAsync(Roles.Author);
        var mine = await SaveAsync(author, "Le brouillon d’une autrice");
        var theirs = await SaveAsync(colleague, "Le brouillon d’un collègue");

        var (created, _, link) = await CreateLinkAsync(author, mine);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync(link)).Response.StatusCode);

        await AssertRefusedAsync(author, (await author.GetAsync(theirs + "/apercus")).Response);
        var (_, own) = await author.GetAsync(mine);
        var form = (IHtmlFormElement)own.QuerySelector("#liens-apercu form.inline-form")!;
        form.SetAttribute("action", theirs + "/apercus?handler=Create");
        var (refused, _) = await author.SubmitAsync(mine, form, new Dictionary<string, string>(), "Créer un lien d’aperçu");
        await AssertRefusedAsync(author, refused);
        var (_, theirPage) = await colleague.GetAsync(theirs);
        Assert.Equal("Aucun lien d’aperçu actif.", theirPage.QuerySelector("#liens-apercu .empty")!.Text());
    }

    [Fact]
    public async Task A_live_article_gets_no_preview_link()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un article déjà en ligne", status: "published");
        var (_, draftForm) = await editor.GetAsync(await SaveAsync(editor, "Un brouillon pour son formulaire"));
        var form = (IHtmlFormElement)draftForm.QuerySelector("#liens-apercu form.inline-form")!;
        form.SetAttribute("action", path + "/apercus?handler=Create");

        var (response, page) = await editor.SubmitAsync(path, form, new Dictionary<string, string>(), "Créer un lien d’aperçu");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#lien-apercu-nouveau"));
        Assert.Contains("n’a pas besoin de lien d’aperçu", page.QuerySelector(".form-errors")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_and_revoking_a_link_go_in_the_journal()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var path = await SaveAsync(editor, "Un brouillon partagé puis retiré");
        await CreateLinkAsync(editor, path);
        await RevokeAllAsync(editor, path);

        using var admin = await SignedInAsync(Roles.Admin);
        var (_, journal) = await admin.GetAsync("/admin/journal");

        var lines = journal.QuerySelectorAll(".journal tbody tr")
            .Where(row => row.Text().Contains("Un brouillon partagé puis retiré", StringComparison.Ordinal))
            .Select(row => row.QuerySelectorAll("td")[1].Text() + " " + row.QuerySelectorAll("td")[2].Text()).ToList();
        Assert.Equal(
            [
                "Compte editor a révoqué un lien d’aperçu de Un brouillon partagé puis retiré",
                "Compte editor a créé un lien d’aperçu de Un brouillon partagé puis retiré",
                "Compte editor a créé Un brouillon partagé puis retiré",
            ],
            lines);
    }

    [Fact]
    public async Task A_live_articles_editor_has_voir_l_article_and_a_drafts_has_preview_links()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var live = await SaveAsync(editor, "Un article à voir en ligne", status: "published");
        var draft = await SaveAsync(editor, "Un brouillon à ne pas voir en ligne");

        var (_, livePage) = await editor.GetAsync(live);
        var (_, draftPage) = await editor.GetAsync(draft);

        var view = livePage.QuerySelectorAll("#liens-apercu a").Single(link => link.Text() == "Voir l’article");
        Assert.Equal("/articles/un-article-a-voir-en-ligne", view.GetAttribute("href"));
        Assert.Null(view.GetAttribute("target"));
        Assert.Null(livePage.QuerySelector("#liens-apercu form"));
        Assert.DoesNotContain(draftPage.QuerySelectorAll("a"), link => link.Text() == "Voir l’article");
        Assert.NotNull(draftPage.QuerySelector("#liens-apercu form.inline-form"));
    }

    [Fact]
    public async Task A_signed_in_editor_sees_modifier_on_the_public_page_and_readers_never_get_that_version()
    {
        var slug = SampleContent.Published[3];
        var path = "/articles/" + slug;
        var id = await app.ArticleIdAsync(slug);
        var (before, readerBefore) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Null(readerBefore.QuerySelector(".staff-edit"));
        Assert.Contains("public", before.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var editor = await SignedInAsync(Roles.Editor);
        var (response, page) = await editor.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal($"/admin/articles/{id}", page.QuerySelector(".staff-edit a")!.GetAttribute("href"));
        Assert.Equal("Modifier", page.QuerySelector(".staff-edit a")!.Text());
        var (after, readerAfter) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null(readerAfter.QuerySelector(".staff-edit"));
        Assert.DoesNotContain("private", after.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_an_editor_was_served_first_is_never_served_to_a_reader()
    {
        var path = "/articles/" + SampleContent.Published[4];
        using var editor = await SignedInAsync(Roles.Editor);
        Assert.NotNull((await editor.GetAsync(path)).Page.QuerySelector(".staff-edit"));

        var (response, page) = await app.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".staff-edit"));
    }

    [Fact]
    public async Task Modifier_is_shown_only_to_a_valid_session_whose_account_may_edit_the_article()
    {
        var path = "/articles/" + SampleContent.Published[5];
        using var author = await SignedInAsync(Roles.Author);
        using var forged = app.CreateReader();
        forged.DefaultRequestHeaders.Add("Cookie", AdminServices.SessionCookie + "=forged");

        var (authorResponse, authorPage) = await author.GetAsync(path);
        using var forgedResponse = await forged.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, authorResponse.StatusCode);
        Assert.Null(authorPage.QuerySelector(".staff-edit"));
        Assert.Equal(HttpStatusCode.OK, forgedResponse.StatusCode);
        Assert.DoesNotContain("staff-edit", await forgedResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

/// <summary>A link past its time, on an app of its own: the clock moves forward for good.</summary>
public sealed class PreviewLinkExpiryTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task An_expired_link_answers_410_with_a_french_page_that_says_when()
    {
        using var editor = AdminSession.Open(app);
        await editor.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var path = await PreviewLinkTests.SaveAsync(editor, "Un brouillon au lien d’un jour");
        var (_, _, link) = await PreviewLinkTests.CreateLinkAsync(editor, path, days: "1");

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync(link)).Response.StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var (response, page) = await app.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Lien d’aperçu expiré", page.QuerySelector("main h1")!.Text());
        Assert.Contains("a expiré le 25 novembre 2026 à 13 h", page.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.Equal("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
    }
}
