using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>axe-core finds nothing serious on the pages readers and editors use.</summary>
[Collection(nameof(ReaderSite))]
public sealed class ReaderAccessibilityTests(ReaderSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/rubriques/spatial")]
    [InlineData("/recherche?q=fusee")]
    [InlineData("/admin/connexion")]
    public async Task The_page_has_no_serious_accessibility_violation(string path)
    {
        var page = await site.OpenPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}

[Collection(nameof(NewsroomSite))]
public sealed class EditorAccessibilityTests(NewsroomSite site)
{
    [Fact]
    public async Task The_editor_has_no_serious_accessibility_violation_even_with_errors_and_a_preview_on_screen()
    {
        var editor = await site.SignInAsync(Roles.Author);
        await editor.GotoAsync("/admin/articles");
        await Axe.AssertNoSeriousViolationsAsync(editor);

        // The same form once it shows its error messages and the preview.
        await editor.GetByLabel("Texte (Markdown)").FillAsync("## Un intertitre\n\nUn paragraphe sans titre d'article.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Prévisualiser" }).ClickAsync();
        await Expect(editor.Locator("#apercu-direct .article-body h2")).ToHaveTextAsync("Un intertitre");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(editor.Locator(".field-error").First).Not.ToBeEmptyAsync();
        await Axe.AssertNoSeriousViolationsAsync(editor);
    }
}
