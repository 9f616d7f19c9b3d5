using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;

namespace Publisher.Web.Tests;

/// <summary>
/// What an article's save may do to the rest of the site: never rename a live section, tag or byline, create
/// one only when the role allows it, never take another article's former address.
/// </summary>
public sealed class TopicNameTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    private static Dictionary<string, string> Draft(string title, string section, string author, string tags, string slug = "") => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.Standfirst"] = "Un chapô.",
        ["Input.Section"] = section,
        ["Input.Author"] = author,
        ["Input.Tags"] = tags,
        ["Input.Body"] = "Un texte.",
        ["Input.Status"] = "draft",
        ["Input.PublishAt"] = "2026-11-24T12:30",
    };

    private async Task<AdminSession> SignedInAsync(string role)
    {
        var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, role));
        return session;
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SaveNewAsync(AdminSession session, Dictionary<string, string> values)
    {
        var (_, blank) = await session.GetAsync("/admin/articles");
        return await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer");
    }

    [Fact]
    public async Task An_authors_draft_spelling_a_section_tag_or_byline_differently_renames_nothing_readers_see()
    {
        using var author = await SignedInAsync(Roles.Author);

        var (saved, _) = await SaveNewAsync(author, Draft("Un brouillon taquin", "☠ SPATIAL ☠", "JULIEN marchetti !!", "☠ FUSÉES ☠"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, section) = await app.GetPageAsync("/rubriques/spatial");
        Assert.Equal("Spatial", section.QuerySelector("h1")!.TextContent);
        Assert.Contains("Spatial", section.QuerySelectorAll("nav.sections a").Select(link => link.TextContent));
        var (_, tag) = await app.GetPageAsync("/tags/fusees");
        Assert.Equal("Fusées", tag.QuerySelector("h1")!.TextContent);
        var (_, article) = await app.GetPageAsync("/articles/starship-transfert-ergols");
        Assert.Equal("Julien Marchetti", article.QuerySelector(".byline .author")!.TextContent);
        var feed = await app.CreateClient().GetStringAsync(new Uri("/rubriques/spatial/feed.xml", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("☠", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_cannot_create_a_section_a_tag_or_a_byline_and_is_told_why_beside_each_field()
    {
        using var author = await SignedInAsync(Roles.Author);

        var (refused, page) = await SaveNewAsync(author, Draft("Un brouillon qui invente", "Cybersecuriteee", "Un Inconnu", "Fusées, Piratage, Sabotage"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("La rubrique « Cybersecuriteee » n’existe pas : choisissez une rubrique existante. Seul un éditeur peut en créer une.", page.QuerySelector("[data-valmsg-for='Input.Section']")!.TextContent);
        Assert.Equal("L’auteur « Un Inconnu » n’existe pas : choisissez un nom déjà connu du site. Seul un éditeur peut en ajouter un.", page.QuerySelector("[data-valmsg-for='Input.Author']")!.TextContent);
        Assert.Equal("Les tags « Piratage », « Sabotage » n’existent pas : choisissez des tags existants. Seul un éditeur peut en créer.", page.QuerySelector("[data-valmsg-for='Input.Tags']")!.TextContent);
        Assert.Equal("Un brouillon qui invente", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/rubriques/cybersecuriteee")).Response.StatusCode);
        var (_, list) = await author.GetAsync("/admin");
        Assert.DoesNotContain("Un brouillon qui invente", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sections_are_chosen_from_a_list_and_a_typo_never_creates_one_even_for_an_editor()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, blank) = await editor.GetAsync("/admin/articles");
        var options = blank.QuerySelectorAll("select[name='Input.Section'] option").Select(option => option.GetAttribute("value")).ToList();
        Assert.Contains("Spatial", options);
        Assert.NotNull(blank.QuerySelector("input[name='Input.NewSection']"));

        var (refused, page) = await editor.SubmitAsync("/admin/articles", Editor(blank), Draft("Un article mal rangé", "Cybersecuriteee", "Julien Marchetti", "Fusées"), "Enregistrer");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("La rubrique « Cybersecuriteee » n’existe pas : choisissez-la dans la liste, ou tapez son nom sous « Nouvelle rubrique » pour la créer.", page.QuerySelector("[data-valmsg-for='Input.Section']")!.TextContent);
        Assert.Equal("Un article mal rangé", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/rubriques/cybersecuriteee")).Response.StatusCode);
        using var author = await SignedInAsync(Roles.Author);
        var (_, authorsForm) = await author.GetAsync("/admin/articles");
        Assert.Null(authorsForm.QuerySelector("input[name='Input.NewSection']"));
    }

    [Fact]
    public async Task An_author_signs_with_their_own_name_and_an_editor_creates_a_section_by_naming_it()
    {
        using var author = await SignedInAsync(Roles.Author);
        var (_, blank) = await author.GetAsync("/admin/articles");
        var ownName = blank.QuerySelector("input[name='Input.Author']")!.GetAttribute("value")!;
        var (signed, _) = await author.SubmitAsync("/admin/articles", Editor(blank), Draft("Signé de ma main", "Spatial", ownName, "Fusées"), "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        using var editor = await SignedInAsync(Roles.Editor);
        var values = Draft("Une rubrique toute neuve", "", "Julien Marchetti", "Qubits");
        values["Input.NewSection"] = "Quantique";
        values["Input.Status"] = "published";
        var (created, _) = await SaveNewAsync(editor, values);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (response, section) = await app.GetPageAsync("/rubriques/quantique");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Quantique", section.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_draft_cannot_take_a_published_articles_former_address_and_is_told_whose_it_is()
    {
        var editorId = await AdminSession.CreateEditorIdAsync(app);
        var save = app.Services.GetRequiredService<SaveArticle>();
        var input = TestArticles.Input("adresse-d-origine", "Un article qui a changé d’adresse", PublisherFactory.Today.AddHours(-2));
        var first = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, editorId, MayCreateTopics: true), TestContext.Current.CancellationToken);
        await save.SaveAsync(new ArticleSave(first.Id, first.Revision, input with { Slug = "adresse-nouvelle" }, editorId, MayCreateTopics: true), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await app.GetPageAsync("/articles/adresse-d-origine")).Response.StatusCode);
        using var author = await SignedInAsync(Roles.Author);

        var (refused, page) = await SaveNewAsync(author, Draft("Un squatteur", "Spatial", "Julien Marchetti", "Fusées", slug: "adresse-d-origine"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
            "Cette adresse est l’ancienne adresse de l’article « Un article qui a changé d’adresse », qui y renvoie encore ses lecteurs : choisissez-en une autre.",
            page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        var (moved, _) = await app.GetPageAsync("/articles/adresse-d-origine");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.EndsWith("/articles/adresse-nouvelle", moved.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_may_take_back_its_own_former_address()
    {
        var editorId = await AdminSession.CreateEditorIdAsync(app);
        var save = app.Services.GetRequiredService<SaveArticle>();
        var input = TestArticles.Input("aller", "Un aller-retour", PublisherFactory.Today.AddHours(-3));
        var first = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, editorId, MayCreateTopics: true), TestContext.Current.CancellationToken);
        var second = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(first.Id, first.Revision, input with { Slug = "retour" }, editorId), TestContext.Current.CancellationToken);

        var back = await save.SaveAsync(new ArticleSave(first.Id, second.Revision, input, editorId), TestContext.Current.CancellationToken);

        Assert.IsType<EditorSaveResult.Saved>(back);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("/articles/aller")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await app.GetPageAsync("/articles/retour")).Response.StatusCode);
    }

    [Fact]
    public async Task The_former_address_of_a_colleagues_draft_is_refused_without_its_title()
    {
        var editorId = await AdminSession.CreateEditorIdAsync(app);
        var save = app.Services.GetRequiredService<SaveArticle>();
        var input = TestArticles.Input("embargo-premiere-adresse", "EMBARGO : un rachat secret", PublisherFactory.Today, Core.Content.ArticleStatus.Draft);
        var first = (EditorSaveResult.Saved)await save.SaveAsync(new ArticleSave(null, 0, input, editorId, MayCreateTopics: true), TestContext.Current.CancellationToken);
        await save.SaveAsync(new ArticleSave(first.Id, first.Revision, input with { Slug = "embargo-seconde-adresse" }, editorId), TestContext.Current.CancellationToken);
        using var author = await SignedInAsync(Roles.Author);

        var (refused, page) = await SaveNewAsync(author, Draft("Un curieux", "Spatial", "Julien Marchetti", "Fusées", slug: "embargo-premiere-adresse"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
            "Cette adresse est l’ancienne adresse d’un autre article, qui y renvoie encore ses lecteurs : choisissez-en une autre.",
            page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        Assert.DoesNotContain("EMBARGO", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_signing_with_another_spelling_of_their_name_gets_the_byline_as_their_account_spells_it()
    {
        var email = $"auteur-{Guid.NewGuid():N}@publisher.test";
        await app.Services.GetRequiredService<CreateAccount>().CreateAsync(email, "Aurélie Nouvelle", Roles.Author, AdminSession.Password, TestContext.Current.CancellationToken);
        using var author = AdminSession.Open(app);
        await author.SignInAsync(email);
        var (saved, _) = await SaveNewAsync(author, Draft("Signé en capitales", "Spatial", "☠ AURELIE NOUVELLE ☠", "Fusées"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editorId = await AdminSession.CreateEditorIdAsync(app);

        await app.Services.GetRequiredService<SaveArticle>().SaveAsync(
            new ArticleSave(null, 0, TestArticles.Input("signe-par-aurelie", "Un article d’Aurélie", PublisherFactory.Today.AddHours(-1)) with { Author = "Aurélie Nouvelle" }, editorId, MayCreateTopics: true),
            TestContext.Current.CancellationToken);

        var (_, page) = await app.GetPageAsync("/auteurs/aurelie-nouvelle");
        Assert.Equal("Aurélie Nouvelle", page.QuerySelector("h1")!.TextContent);
    }
}
