using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>Editors write with the live preview, publish with a photo, and never lose text to a colleague's save.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class NewsroomJourneyTests(NewsroomSite site)
{
    private const string NarrowNoBreakSpace = "\u202F";
    private const string NoBreakSpace = "\u00A0";

    [Fact]
    public async Task An_article_written_in_the_editor_is_published_with_its_photo_and_a_reader_finds_it_first()
    {
        const string title = "La fibre optique dépasse enfin le cuivre dans les foyers français";
        var editor = await site.SignInAsync(Roles.Editor, "Camille Editrice");
        await editor.GotoAsync("/admin/articles");

        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await editor.GetByLabel("Chapô").FillAsync("Pour la première fois, les abonnés à la fibre sont plus nombreux que ceux du réseau historique.");
        await editor.GetByLabel("Ou une nouvelle rubrique, créée à l’enregistrement").FillAsync("Télécoms");
        await editor.GetByLabel("Tags (séparés par des virgules)").FillAsync("Arcep, Fibre");
        await editor.GetByLabel("Texte (Markdown)").FillAsync("""
            ## Ce qui change

            Selon l'Arcep, "le cuivre vit ses derniers mois" : la bascule est engagée.

            - 80 % des foyers sont raccordables ;
            - le réseau cuivre ferme en 2030 !

            Lire [le calendrier de l'Arcep](https://www.arcep.fr/).
            """);

        var preview = editor.Locator("#apercu-direct .article-body");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Ce qui change" })).ToBeVisibleAsync();
        await Expect(preview.Locator("li")).ToHaveCountAsync(2);
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "le calendrier de l’Arcep" })).ToHaveAttributeAsync("href", "https://www.arcep.fr/");
        var paragraph = await preview.Locator("p").First.TextContentAsync();
        Assert.Contains($"Selon l’Arcep, «{NarrowNoBreakSpace}le cuivre vit ses derniers mois{NarrowNoBreakSpace}»{NoBreakSpace}: la bascule", paragraph, StringComparison.Ordinal);
        Assert.Contains($"2030{NarrowNoBreakSpace}!", await preview.Locator("li").Last.TextContentAsync(), StringComparison.Ordinal);

        // The preview follows the text as it changes, not just once.
        await editor.GetByLabel("Texte (Markdown)").PressSequentiallyAsync("\n\n## Et ensuite ?");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = $"Et ensuite{NarrowNoBreakSpace}?" })).ToBeVisibleAsync();

        await editor.GetByLabel("Image principale").SetInputFilesAsync(Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg"));
        var hero = editor.GetByRole(AriaRole.Group, new() { Name = "Image principale" });
        await hero.GetByLabel("Texte alternatif").FillAsync("Un technicien raccorde une fibre dans un local technique");
        await hero.GetByLabel("Légende").FillAsync("Un raccordement dans un nœud de répartition optique.");
        await hero.GetByLabel("Crédit photo").FillAsync("Camille Editrice / Publisher");
        await editor.GetByLabel("Publié à la date indiquée").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." })).ToBeVisibleAsync();

        var reader = await site.OpenPageAsync();
        await reader.GotoAsync("/");
        await Expect(reader.Locator(".article-list > li").First.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(title);
        var latest = reader.GetByRole(AriaRole.Complementary, new() { Name = "Les derniers articles" }).GetByRole(AriaRole.Link).First;
        await Expect(latest).ToHaveTextAsync(title);

        await latest.ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var figure = reader.Locator("figure.hero");
        await Expect(figure.GetByRole(AriaRole.Img, new() { Name = "Un technicien raccorde une fibre dans un local technique" })).ToBeVisibleAsync();
        Assert.True(await figure.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo did not load");
        await Expect(figure.Locator("figcaption")).ToContainTextAsync("Un raccordement dans un nœud de répartition optique.");
        await Expect(figure.Locator("figcaption")).ToContainTextAsync("Photo : Camille Editrice / Publisher");
        await Expect(reader.Locator(".article-body h2").First).ToHaveTextAsync("Ce qui change");
    }

    [Fact]
    public async Task The_second_of_two_editors_saving_the_same_article_is_told_and_keeps_the_text()
    {
        var path = "/admin/articles/" + await site.App.ArticleIdAsync("ariane-64-premier-vol");
        var first = await site.SignInAsync(Roles.Editor, "Première Editrice");
        var second = await site.SignInAsync(Roles.Editor, "Second Editeur");
        // Saved once from the editor, so that the revision both start from is recorded (an import records none).
        await first.GotoAsync(path);
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." })).ToBeVisibleAsync();
        await first.GotoAsync(path);
        await second.GotoAsync(path);

        await first.GetByLabel("Chapô").FillAsync("Le lanceur européen a placé seize satellites en orbite lors de son vol inaugural.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." })).ToBeVisibleAsync();

        var body = second.GetByLabel("Texte (Markdown)");
        var mine = (await body.InputValueAsync()) + "\n\nUn paragraphe que le second éditeur ne veut pas perdre.";
        await body.FillAsync(mine);
        await second.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();

        var conflict = second.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Cet article a été modifié entre-temps" });
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("Première Editrice");
        // What the first editor changed, not the second's own changes.
        await Expect(conflict).ToContainTextAsync("en changeant : chapô.");
        await Expect(second.GetByLabel("Texte (Markdown)")).ToHaveValueAsync(mine);

        var reader = await site.OpenPageAsync();
        await reader.GotoAsync("/articles/ariane-64-premier-vol");
        await Expect(reader.Locator(".standfirst").First).ToContainTextAsync("seize satellites");
        await Expect(reader.Locator(".article-body")).Not.ToContainTextAsync("ne veut pas perdre");
        await Expect(reader).Not.ToHaveURLAsync(new Regex("admin"));
    }
}
