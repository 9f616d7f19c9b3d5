using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>The editor on a laptop (text and preview side by side, the preview as readers will see it) and the admin on a phone.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class EditorLayoutTests(NewsroomSite site)
{
    [Theory]
    [InlineData("articles", "/admin")]
    [InlineData("editeur", "/admin/articles/{id}")]
    [InlineData("nouvel-article", "/admin/articles")]
    [InlineData("historique", "/admin/articles/{id}/historique")]
    [InlineData("images", "/admin/images")]
    public async Task The_admin_fits_a_phone_without_horizontal_scrolling(string name, string path)
    {
        var page = await site.SignInAsync(Roles.Editor, width: 375);
        await page.GotoAsync(path.Replace("{id}", (await site.App.ArticleIdAsync("ariane-64-premier-vol")).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await Screenshots.SaveAsync(page, $"admin-{name}-375");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 375 px wide");
    }

    [Fact]
    public async Task On_a_laptop_the_preview_stands_beside_the_text_from_the_start_as_readers_will_see_it_and_stays_after_a_save()
    {
        var page = await site.SignInAsync(Roles.Editor, width: 1440);
        // An article no other browser test reads: this one rewrites its text.
        await page.GotoAsync($"/admin/articles/{await site.App.ArticleIdAsync("5g-sa-generalisation")}");

        var preview = page.Locator("#apercu-direct .preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview.Locator(".hero img")).ToBeVisibleAsync();
        await Expect(preview.Locator(".byline")).ToContainTextAsync("Par ");
        await Expect(preview.Locator(".byline .dates")).ToContainTextAsync("Publié le");
        var form = (await page.Locator("form.editor").BoundingBoxAsync())!;
        var beside = (await preview.BoundingBoxAsync())!;
        Assert.True(beside.X >= form.X + form.Width, "on a laptop the preview should stand to the right of the form");
        Assert.True(form.Width >= 600, $"the form is {form.Width} px wide on a 1440 px screen");

        var counter = page.Locator("#longueur");
        await Expect(counter).ToContainTextAsync("mots");
        var body = page.GetByLabel("Texte (Markdown)");
        await body.FillAsync("Trois mots seulement.");
        await Expect(counter).ToHaveTextAsync("3 mots · 21 caractères · lecture\u00A0: 1\u00A0min");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." })).ToBeVisibleAsync();
        await Expect(preview.Locator(".article-body")).ToHaveTextAsync("Trois mots seulement.");
    }
}
