using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

public sealed class EditorTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    private static Dictionary<string, string> Article(string title, string body = "## Un intertitre\n\nUn texte : simple ?", string status = "published") => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = "",
        ["Input.Standfirst"] = "Un chapô qui dit l'essentiel.",
        ["Input.Section"] = "Spatial",
        ["Input.Author"] = "Julien Marchetti",
        ["Input.Tags"] = "Fusées, ESA",
        ["Input.Body"] = body,
        ["Input.Status"] = status,
        ["Input.PublishAt"] = "2026-11-24T12:30",
    };

    private async Task<AdminSession> SignedInAsync(string role)
    {
        var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, role));
        return session;
    }

    [Fact]
    public async Task An_editor_previews_then_publishes_and_readers_see_it_first()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (_, previewed) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un nouveau lanceur réutilisable"), "Prévisualiser");
        Assert.Equal("Un texte\u00A0: simple\u202F?", previewed.QuerySelector(".preview .article-body p")!.TextContent);
        Assert.Equal("Un chapô qui dit l’essentiel.", previewed.QuerySelector(".preview .standfirst")!.TextContent);
        Assert.Equal("Rien à signaler avant publication.", previewed.QuerySelector(".preview .remarks")!.Text());
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/un-nouveau-lanceur-reutilisable")).Response.StatusCode);

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(previewed), new Dictionary<string, string>(), "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Matches(@"^/admin/articles/\d+\?enregistre=true$", saved.Headers.Location!.OriginalString);

        var (response, article) = await app.GetPageAsync("/articles/un-nouveau-lanceur-reutilisable");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Un nouveau lanceur réutilisable", article.QuerySelector("h1")!.TextContent);
        var (_, home) = await app.GetPageAsync("/");
        Assert.Equal("/articles/un-nouveau-lanceur-reutilisable", home.QuerySelector("main")!.LinkTargets(".article-list h2 a")[0]);
        var (_, other) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);
        Assert.Equal("/articles/un-nouveau-lanceur-reutilisable", other.Sidebar().LinkTargets()[0]);
    }

    [Theory]
    [InlineData("a, b, c, d, e, f, g, h, i, j, k", "Un article porte au plus 10 tags ; il y en a 11.")]
    [InlineData("Un tag qui ressemble plutôt à une phrase entière bien trop longue, Spatial", "Un tag ne dépasse pas 50 caractères")]
    public async Task Too_many_or_too_long_tags_are_refused_with_a_french_message_and_the_text_kept(string tags, string message)
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("Des tags à foison");
        values["Input.Tags"] = tags;

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.Tags']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(tags, ((IHtmlInputElement)page.QuerySelector("#Input_Tags")!).Value);
        Assert.Equal("Des tags à foison", ((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value);
    }

    [Fact]
    public async Task The_preview_lists_the_sub_editors_remarks_without_blocking_the_save()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (_, previewed) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un titre “à l’anglaise”", "Voir [](https://exemple.fr)."), "Prévisualiser");

        var remarks = previewed.QuerySelectorAll(".preview .remarks li").Select(item => item.Text()).ToList();
        Assert.Contains(remarks, remark => remark.Contains("guillemets anglais", StringComparison.Ordinal));
        Assert.Contains(remarks, remark => remark.Contains("Un lien n’a pas de texte", StringComparison.Ordinal));
        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(previewed), new Dictionary<string, string>(), "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task The_live_preview_returns_only_the_rendered_preview_and_loads_its_script_from_a_file()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        Assert.Empty(blank.QuerySelectorAll("script:not([src])"));
        Assert.StartsWith("/js/editor.js", blank.QuerySelector("script[src]")!.GetAttribute("src"), StringComparison.Ordinal);

        var form = Editor(blank);
        form.SetAttribute("action", "/admin/articles?handler=PreviewFragment");
        var (response, fragment) = await session.SubmitAsync("/admin/articles", form, Article("Un aperçu en direct", "Vraiment ? Oui !"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(fragment.QuerySelector(".site-header"));
        Assert.Equal("Vraiment\u202F? Oui\u202F!", fragment.QuerySelector(".preview .article-body p")!.TextContent);
    }

    [Fact]
    public async Task Errors_are_shown_in_french_beside_the_fields_and_keep_what_was_typed()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("");
        values["Input.Slug"] = "Pas Une Adresse";

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Le titre est obligatoire.", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);
        Assert.StartsWith("L’adresse ne peut contenir", page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("## Un intertitre\n\nUn texte : simple ?", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Body']")!).Value);
        Assert.Equal("Pas Une Adresse", page.QuerySelector("input[name='Input.Slug']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_publication_date_in_1900_is_refused_as_a_typo_with_the_text_kept()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("Un article daté de travers");
        values["Input.PublishAt"] = "1900-01-01T10:00";

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cette date est antérieure au 1er janvier 1990 : vérifiez l’année.", page.QuerySelector("[data-valmsg-for='Input.PublishAt']")!.TextContent);
        Assert.Equal("Un article daté de travers", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("1990-01-01T00:00", page.QuerySelector("input[name='Input.PublishAt']")!.GetAttribute("min"));
    }

    [Fact]
    public async Task An_author_is_not_offered_publication_and_is_told_who_publishes()
    {
        using var author = await SignedInAsync(Roles.Author);
        var (_, blank) = await author.GetAsync("/admin/articles");

        Assert.Null(blank.QuerySelector("input[name='Input.Status'][value='published']"));
        Assert.Equal("draft", blank.QuerySelector("input[name='Input.Status']")!.GetAttribute("value"));
        Assert.Contains("un éditeur le relit, puis le publie", blank.QuerySelector("#statut-auteur")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_cannot_publish_but_saves_a_draft_only_they_can_open()
    {
        using var author = await SignedInAsync(Roles.Author);
        var (_, blank) = await author.GetAsync("/admin/articles");

        var (refused, page) = await author.SubmitAsync("/admin/articles", Editor(blank), Article("Article d’un auteur pressé"), "Enregistrer");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Seul un éditeur peut publier", page.QuerySelector("[data-valmsg-for='Input.Status']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/article-d-un-auteur-presse")).Response.StatusCode);

        var (draft, _) = await author.SubmitAsync("/admin/articles", Editor(page), new Dictionary<string, string> { ["Input.Status"] = "draft" }, "Enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var editPath = draft.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync(editPath)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/article-d-un-auteur-presse")).Response.StatusCode);

        using var otherAuthor = await SignedInAsync(Roles.Author);
        var (forbidden, _) = await otherAuthor.GetAsync(editPath);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/admin/acces-refuse?", forbidden.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_keeps_the_second_persons_text()
    {
        using var first = await SignedInAsync(Roles.Editor);
        using var second = await SignedInAsync(Roles.Editor);
        var (_, blank) = await first.GetAsync("/admin/articles");
        var (created, _) = await first.SubmitAsync("/admin/articles", Editor(blank), Article("Un article disputé"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, firstCopy) = await first.GetAsync(path);
        var (_, secondCopy) = await second.GetAsync(path);

        var (firstSave, _) = await first.SubmitAsync(path, Editor(firstCopy), new Dictionary<string, string> { ["Input.Body"] = "La version de la première personne." }, "Enregistrer");
        var (secondSave, conflict) = await second.SubmitAsync(path, Editor(secondCopy), new Dictionary<string, string> { ["Input.Body"] = "La version de la seconde personne, qu’il ne faut pas perdre." }, "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        Assert.Contains("a été modifié entre-temps", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("texte", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("La version de la seconde personne, qu’il ne faut pas perdre.", ((IHtmlTextAreaElement)conflict.QuerySelector("textarea[name='Input.Body']")!).Value);
        var (_, article) = await app.GetPageAsync("/articles/un-article-dispute");
        Assert.Equal("La version de la première personne.", article.QuerySelector(".article-body")!.Text());
    }

    [Fact]
    public async Task A_conflict_names_only_what_the_other_person_changed_not_ones_own_changes()
    {
        using var first = await SignedInAsync(Roles.Editor);
        using var second = await SignedInAsync(Roles.Editor);
        var (_, blank) = await first.GetAsync("/admin/articles");
        var (created, _) = await first.SubmitAsync("/admin/articles", Editor(blank), Article("Un article relu par deux"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, firstCopy) = await first.GetAsync(path);
        var (_, secondCopy) = await second.GetAsync(path);

        await first.SubmitAsync(path, Editor(firstCopy), new Dictionary<string, string> { ["Input.Standfirst"] = "Un chapô revu par la première personne." }, "Enregistrer");
        var (_, conflict) = await second.SubmitAsync(path, Editor(secondCopy), new Dictionary<string, string>
        {
            ["Input.Title"] = "Un article relu par deux, titre revu",
            ["Input.Body"] = "Le texte revu par la seconde personne.",
        }, "Enregistrer");

        Assert.Contains("en changeant : chapô.", conflict.QuerySelector(".conflict")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_slug_of_a_published_article_keeps_the_old_address_as_a_redirect()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un titre provisoire"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);

        await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.Slug"] = "un-titre-definitif" }, "Enregistrer");

        using var reader = app.CreateReader();
        using var old = await reader.GetAsync(new Uri("/articles/un-titre-provisoire", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/articles/un-titre-definitif", old.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Input.Body", "deep", "Le texte imbrique trop profondément")]
    [InlineData("Input.PublishAt", "2027-03-28T02:30", "Cette heure n’existe pas à Paris")]
    [InlineData("Input.Title", "?!?", "Le titre ne contient ni lettre ni chiffre")]
    [InlineData("Input.Section", "???", "La rubrique doit contenir au moins une lettre")]
    public async Task Unusable_input_gets_a_message_beside_its_field_never_an_error_page(string field, string value, string message)
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("Un article ordinaire");
        values[field] = value == "deep" ? string.Concat(Enumerable.Repeat("> ", 50_000)) : value;

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shownField = field == "Input.Title" ? "Input.Slug" : field;
        Assert.StartsWith(message, page.QuerySelector($"[data-valmsg-for='{shownField}']")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_an_updated_article_keeps_its_update_date()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, list) = await session.GetAsync("/admin?titre=Kelvo");
        var path = list.QuerySelector(".admin-table tbody a")!.GetAttribute("href")!;
        var (_, copy) = await session.GetAsync(path);

        var (saved, _) = await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string>(), "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/" + SampleContent.UpdatedSlug);
        Assert.Equal("Publié le 19 mai 2026 à 10 h 20 · Mis à jour le 20 mai 2026 à 18 h 30", article.QuerySelector("main article .dates")!.Text());
    }

    [Fact]
    public async Task The_history_lists_revisions_compares_two_and_restores_one_as_a_new_revision()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un article révisé", "Première phrase.\n\nDeuxième phrase."), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);
        await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.Body"] = "Première phrase.\n\nUne phrase réécrite." }, "Enregistrer");

        var (_, history) = await session.GetAsync(path + "/historique");
        Assert.Equal(["2", "1"], history.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(cell => cell.Text()));
        var (_, comparison) = await session.GetAsync(history.QuerySelector(".admin-table a[href*='de=1']")!.GetAttribute("href")!);
        var diff = comparison.QuerySelector(".diff")!;
        // Word by word: the words that changed, not their whole line.
        Assert.Equal(["ajouté : Une", "ajouté : réécrite"], diff.QuerySelectorAll("ins").Select(line => line.Text()));
        Assert.Equal(["retiré : Deuxième"], diff.QuerySelectorAll("del").Select(line => line.Text()));
        Assert.Equal("Première phrase.\n\nDeuxièmeUne phrase réécrite.", string.Concat(diff.QuerySelector(".diff-text")!.ChildNodes.Select(node => node is AngleSharp.Dom.IElement element ? element.LastChild!.TextContent : node.TextContent)));

        var restore = (IHtmlFormElement)history.QuerySelectorAll(".admin-table form").Single(form => form.QuerySelector("button")!.Text() == "Restaurer la révision 1");
        var (restored, _) = await session.SubmitAsync(path + "/historique", restore, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var (_, after) = await session.GetAsync(path + "/historique");
        Assert.Equal(["3", "2", "1"], after.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(cell => cell.Text()));
        var (_, article) = await app.GetPageAsync("/articles/un-article-revise");
        Assert.Equal("Première phrase. Deuxième phrase.", article.QuerySelector(".article-body")!.Text());
    }

    [Fact]
    public async Task An_editor_deletes_an_article_and_restores_it_from_the_bin()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un article à retirer"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);

        await session.SubmitAsync(path, (IHtmlFormElement)copy.QuerySelector("form.danger-zone")!, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Gone, (await app.GetPageAsync("/articles/un-article-a-retirer")).Response.StatusCode);
        var (_, bin) = await session.GetAsync("/admin?statut=deleted");
        Assert.Equal(["Un article à retirer"], bin.QuerySelectorAll(".admin-table tbody td:first-child").Select(cell => cell.Text()).Where(title => title == "Un article à retirer"));
        var (_, list) = await session.GetAsync("/admin");
        Assert.DoesNotContain(list.QuerySelectorAll(".admin-table tbody td:first-child"), cell => cell.Text() == "Un article à retirer");

        var (_, deleted) = await session.GetAsync(path);
        await session.SubmitAsync(path, (IHtmlFormElement)deleted.QuerySelector(".conflict form")!, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("/articles/un-article-a-retirer")).Response.StatusCode);
    }

    [Fact]
    public async Task A_correction_note_is_shown_to_readers_and_moves_the_update_time()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un chiffre à corriger"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        app.Clock.Advance(TimeSpan.FromHours(2));
        var (_, copy) = await session.GetAsync(path);

        var (missing, refused) = await session.SubmitAsync(path, Editor(copy), new Dictionary<string, string> { ["Input.CorrectionKind"] = "rectificatif" }, "Enregistrer");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal("Dites aux lecteurs ce qui a été corrigé ou ajouté.", refused.QuerySelector("[data-valmsg-for='Input.CorrectionReason']")!.Text());

        await session.SubmitAsync(path, Editor(refused), new Dictionary<string, string> { ["Input.CorrectionKind"] = "rectificatif", ["Input.CorrectionReason"] = "le montant est de 12 millions, pas 21." }, "Enregistrer");

        var (_, article) = await app.GetPageAsync("/articles/un-chiffre-a-corriger");
        var when = Publisher.Core.Text.FrenchDates.DateAndTime(app.Clock.GetUtcNow());
        Assert.Equal(Html.Normalize($"Rectificatif, le {when} : le montant est de 12 millions, pas 21."), article.QuerySelector(".corrections p")!.Text());
        Assert.EndsWith(Html.Normalize($"Mis à jour le {when}"), article.QuerySelector("main article .dates")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_read_who_created_published_deleted_and_restored_what()
    {
        using var editor = await SignedInAsync(Roles.Editor);
        var (_, blank) = await editor.GetAsync("/admin/articles");
        var (created, _) = await editor.SubmitAsync("/admin/articles", Editor(blank), Article("Un article journalisé"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await editor.GetAsync(path);
        await editor.SubmitAsync(path, (IHtmlFormElement)copy.QuerySelector("form.danger-zone")!, new Dictionary<string, string>());
        var (_, deleted) = await editor.GetAsync(path);
        await editor.SubmitAsync(path, (IHtmlFormElement)deleted.QuerySelector(".conflict form")!, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.GetAsync("/admin/journal")).Response.StatusCode);

        using var admin = await SignedInAsync(Roles.Admin);
        var (_, journal) = await admin.GetAsync("/admin/journal");

        var lines = journal.QuerySelectorAll(".journal tbody tr")
            .Where(row => row.Text().Contains("Un article journalisé", StringComparison.Ordinal))
            .Select(row => row.QuerySelectorAll("td")[2].Text()).ToList();
        Assert.Equal(
            ["a rétabli Un article journalisé", "a supprimé Un article journalisé", "a publié Un article journalisé", "a créé Un article journalisé"],
            lines);
        Assert.All(journal.QuerySelectorAll(".journal tbody tr").Where(row => row.Text().Contains("journalisé", StringComparison.Ordinal)), row => Assert.Equal("Compte editor", row.QuerySelectorAll("td")[1].Text()));
    }

    [Fact]
    public async Task Deleting_an_article_that_does_not_exist_answers_404_not_an_error()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (created, _) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un article supprimé deux fois"), "Enregistrer");
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var (_, copy) = await session.GetAsync(path);
        var form = (IHtmlFormElement)copy.QuerySelector("form.danger-zone")!;
        form.SetAttribute("action", form.GetAttribute("action")!.Replace(path, "/admin/articles/999999", StringComparison.Ordinal));

        var (response, _) = await session.SubmitAsync(path, form, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_photo_is_shown_with_its_caption_and_credit()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");
        var photo = await File.ReadAllBytesAsync(Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg"), TestContext.Current.CancellationToken);
        var values = Article("Un article illustré");
        values["Input.ImageAlt"] = "Une fusée au décollage";
        values["Input.ImageCaption"] = "Le lanceur au décollage.";
        values["Input.ImageCredit"] = "ESA";

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer", new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("decollage.png", photo) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/un-article-illustre");
        var figure = article.QuerySelector("figure.hero")!;
        Assert.Equal("Une fusée au décollage", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.EndsWith(".jpg", figure.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal); // named after its content, not its name
        Assert.Equal(("1200", "675"), (figure.QuerySelector("img")!.GetAttribute("width"), figure.QuerySelector("img")!.GetAttribute("height")));
        Assert.Equal("Photo : ESA", figure.QuerySelector(".credit")!.Text());
        using var reader = app.CreateReader();
        using var picture = await reader.GetAsync(new Uri(figure.QuerySelector("img")!.GetAttribute("src")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_picture_from_the_images_page_is_reused_with_its_words()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, media) = await session.GetAsync("/admin/images");
        var seed = media.QuerySelectorAll(".media-grid li").Single(item => item.Text().Contains("Matt Rourke / AP", StringComparison.Ordinal));
        var (_, form) = await session.GetAsync(seed.QuerySelector("a.button")!.GetAttribute("href")!);
        Assert.Equal("Matt Rourke / AP", form.QuerySelector("input[name='Input.ImageCredit']")!.GetAttribute("value"));

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(form), Article("Un article qui reprend une photo"), "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/un-article-qui-reprend-une-photo");
        Assert.Equal(seed.QuerySelector("img")!.GetAttribute("src"), article.QuerySelector("figure.hero img")!.GetAttribute("src"));
        Assert.Equal("Photo : Matt Rourke / AP", article.QuerySelector("figure.hero .credit")!.Text());
    }

    [Fact]
    public async Task A_text_file_renamed_jpg_is_refused_and_nothing_is_saved()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Un faux JPEG"), "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("photo.jpg", System.Text.Encoding.UTF8.GetBytes("ceci n’est pas une image")) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Ce fichier n’est pas une image JPEG, PNG, WebP ou GIF", page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Un faux JPEG", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/un-faux-jpeg")).Response.StatusCode);
    }

    [Fact]
    public async Task A_picture_claiming_billions_of_pixels_is_refused_before_it_is_decoded()
    {
        using var session = await SignedInAsync(Roles.Editor);
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Une bombe de pixels"), "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("bombe.png", HugePngHeader(60_000, 60_000)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("millions de pixels", page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demoted_editor_loses_the_right_to_publish_at_once()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        using var session = AdminSession.Open(app);
        await session.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/images")).Response.StatusCode);

        var user = (await app.Services.GetRequiredService<AccountQueries>().ListAsync(TestContext.Current.CancellationToken)).Single(row => row.Email == email);
        await app.Services.GetRequiredService<ChangeRole>().ChangeAsync(await AdminSession.CreateEditorIdAsync(app), user.Id, Roles.Author, TestContext.Current.CancellationToken);

        AdminSession.AssertRedirectedToSignIn((await session.GetAsync("/admin/images")).Response);
    }

    // A PNG whose header announces a picture of width × height pixels, with no pixels behind it.
    private static byte[] HugePngHeader(int width, int height)
    {
        static byte[] Chunk(string type, byte[] data)
        {
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            var crc = 0xFFFFFFFFu;
            foreach (var b in typed)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }
            crc ^= 0xFFFFFFFFu;
            return [.. BigEndian((uint)data.Length), .. typed, .. BigEndian(crc)];
        }
        static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
        byte[] header = [.. BigEndian((uint)width), .. BigEndian((uint)height), 8, 2, 0, 0, 0];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return [.. signature, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    [Fact]
    public async Task Authors_cannot_open_the_history()
    {
        using var session = await SignedInAsync(Roles.Author);

        var (response, _) = await session.GetAsync("/admin/articles/1/historique");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/acces-refuse?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_without_the_anti_forgery_token_is_refused()
    {
        using var session = await SignedInAsync(Roles.Editor);
        using var form = new FormUrlEncodedContent(Article("Sans jeton"));

        using var response = await session.Client.PostAsync(new Uri("/admin/articles?handler=Save", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/sans-jeton")).Response.StatusCode);
    }
}
