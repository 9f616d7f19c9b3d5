using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>Nothing typed is lost: the editor keeps a working copy while typing, offers it back, warns before leaving, saves with Ctrl+S.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class AutosaveTests(NewsroomSite site)
{
    private static ILocator Save(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });

    private static ILocator Saved(IPage page) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Article enregistré." });

    [Fact]
    public async Task Typed_text_comes_back_after_a_reload_and_ctrl_s_saves_it()
    {
        const string body = "Un premier paragraphe tapé, que le navigateur n’a jamais envoyé en enregistrant.";
        var editor = await site.SignInAsync(Roles.Editor, "Agathe Brouillon");
        await editor.GotoAsync("/admin/articles");
        // One field, in one go: the copy the status line announces is the whole text.
        await editor.GetByLabel("Texte (Markdown)").FillAsync(body);

        await Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Copie de travail enregistrée à" })).ToBeVisibleAsync();
        await editor.ReloadAsync();

        var banner = editor.Locator(".working-copy");
        await Expect(banner).ToContainTextAsync("Vous avez des modifications non enregistrées du");
        await Expect(editor.GetByLabel("Texte (Markdown)")).ToHaveValueAsync("");
        await Axe.AssertNoSeriousViolationsAsync(editor);

        await banner.GetByRole(AriaRole.Link, new() { Name = "Reprendre ma copie" }).ClickAsync();
        await Expect(editor.GetByLabel("Texte (Markdown)")).ToHaveValueAsync(body);

        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync("Un article rattrapé par la copie de travail");
        await editor.GetByLabel("Chapô").FillAsync("Un chapô ajouté après la reprise.");
        await editor.GetByLabel("Rubrique", new() { Exact = true }).SelectOptionAsync("Spatial");
        await editor.GetByLabel("Texte (Markdown)").PressAsync("Control+s");
        await Expect(Saved(editor)).ToBeVisibleAsync();
        await Expect(editor.GetByLabel("Texte (Markdown)")).ToHaveValueAsync(body);

        await editor.GotoAsync("/admin/articles");
        await Expect(editor.Locator(".working-copy")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first_but_not_after_saving()
    {
        var editor = await site.SignInAsync(Roles.Editor, "Bruno Pressé");
        var dialogs = new List<string>();
        editor.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.AcceptAsync();
        };
        await editor.GotoAsync("/admin/articles");
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync("Un article quitté trop vite");
        await editor.GetByLabel("Chapô").FillAsync("Un chapô.");
        await editor.GetByLabel("Rubrique", new() { Exact = true }).SelectOptionAsync("Spatial");
        await editor.GetByLabel("Texte (Markdown)").ClickAsync();
        await editor.GetByLabel("Texte (Markdown)").PressSequentiallyAsync("Un texte enregistré.");

        // Saving leaves the page with nothing to ask, and the saved page has nothing unsaved.
        await Save(editor).ClickAsync();
        await Expect(Saved(editor)).ToBeVisibleAsync();
        var saved = editor.Url;
        await editor.GotoAsync("/admin");
        Assert.Empty(dialogs);

        // Typed, then left before the working copy was kept: the browser asks.
        await editor.GotoAsync(saved);
        await editor.GetByLabel("Texte (Markdown)").ClickAsync();
        await editor.GetByLabel("Texte (Markdown)").PressAsync("End");
        await editor.GetByLabel("Texte (Markdown)").PressSequentiallyAsync(" Puis une phrase de plus.");
        await editor.GotoAsync("/admin");

        Assert.Equal(["beforeunload"], dialogs);
    }
}
