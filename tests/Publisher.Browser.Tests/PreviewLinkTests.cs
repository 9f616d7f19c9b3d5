using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>An editor shares a draft by a preview link; whoever opens it, without an account, reads it as readers will.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class PreviewLinkTests(NewsroomSite site)
{
    [Fact]
    public async Task An_editor_creates_a_preview_link_in_the_editor_and_a_browser_without_cookies_reads_the_draft()
    {
        const string title = "Un brouillon relu par un expert avant publication";
        var editor = await site.SignInAsync(Roles.Editor, "Camille Relectrice");
        await editor.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await editor.GotoAsync("/admin/articles");
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await editor.GetByLabel("Chapô").FillAsync("Un chapô que l’expert lira avant tout le monde.");
        await editor.GetByLabel("Rubrique", new() { Exact = true }).SelectOptionAsync("Spatial");
        await editor.GetByLabel("Texte (Markdown)").FillAsync("## Ce que l’expert doit vérifier\n\nLes chiffres du lanceur.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." })).ToBeVisibleAsync();

        var section = editor.GetByRole(AriaRole.Region, new() { Name = "Liens d’aperçu" });
        await Expect(section.GetByText("Aucun lien d’aperçu actif.")).ToBeVisibleAsync();
        await Expect(section.GetByLabel("Durée de validité")).ToHaveValueAsync("7");
        await Axe.AssertNoSeriousViolationsAsync(editor);

        await section.GetByRole(AriaRole.Button, new() { Name = "Créer un lien d’aperçu" }).ClickAsync();
        var address = editor.GetByLabel("Adresse de l’aperçu");
        await Expect(address).ToBeVisibleAsync();
        var url = new Uri(await address.InputValueAsync());
        Assert.StartsWith("/apercu/", url.AbsolutePath, StringComparison.Ordinal);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Copier le lien" }).ClickAsync();
        await Expect(editor.GetByText("Lien copié.")).ToBeVisibleAsync();
        Assert.Equal(url.ToString(), await editor.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Expect(editor.GetByRole(AriaRole.Region, new() { Name = "Liens d’aperçu" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Axe.AssertNoSeriousViolationsAsync(editor);

        var reader = await site.OpenPageAsync();
        Assert.Empty(await reader.Context.CookiesAsync());
        var response = await reader.GotoAsync(url.PathAndQuery);

        Assert.Equal(200, response!.Status);
        Assert.Equal("noindex", response.Headers["x-robots-tag"]);
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(reader.GetByRole(AriaRole.Note)).ToHaveTextAsync("Aperçu — cet article n’est pas publié");
        await Expect(reader.Locator(".article-body h2")).ToHaveTextAsync("Ce que l’expert doit vérifier");
        await Expect(reader.GetByRole(AriaRole.Complementary, new() { Name = "Les derniers articles" })).ToBeVisibleAsync();
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Modifier", Exact = true })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(reader);
    }
}
