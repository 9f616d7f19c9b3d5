using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>Pictures in the editor with its script: an over-large one refused before it is sent; one pasted or dropped into the text goes in at the cursor once described.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class BodyImageTests(NewsroomSite site)
{
    private static readonly string Photo = Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg");

    [Fact]
    public async Task A_picture_over_10_MB_is_refused_before_it_is_sent_with_a_french_message_beside_its_field()
    {
        var editor = await site.SignInAsync(Roles.Editor, "Iris Lourde");
        await editor.GotoAsync("/admin/articles");
        var sent = 0;
        editor.Request += (_, request) => sent += request.Method == "POST" ? 1 : 0;

        // Eleven megabytes cross the browser's protocol first: more than the journey's usual ten seconds on a busy machine.
        await editor.GetByLabel("Image principale").SetInputFilesAsync(new FilePayload { Name = "lourde.jpg", MimeType = "image/jpeg", Buffer = new byte[(11 * 1024 * 1024) + 1] }, new() { Timeout = 60_000 });

        await Expect(editor.Locator("[data-valmsg-for='Input.ImageFile']")).ToHaveTextAsync("L’image dépasse 10\u00a0Mo.");
        Assert.Equal(0, await editor.GetByLabel("Image principale").EvaluateAsync<int>("input => input.files.length"));
        Assert.Equal(0, sent);
    }

    [Theory]
    [InlineData("paste")]
    [InlineData("drop")]
    public async Task An_image_pasted_or_dropped_into_the_text_asks_for_its_words_and_goes_in_at_the_cursor(string gesture)
    {
        var editor = await site.SignInAsync(Roles.Editor, $"Iris Colle {gesture}");
        await editor.GotoAsync("/admin/articles");
        var text = editor.GetByLabel("Texte (Markdown)");
        await text.FillAsync("Premier paragraphe.\n\nDernier paragraphe.");
        // The cursor after « Premier paragraphe. »
        await text.EvaluateAsync("area => { area.focus(); area.setSelectionRange(19, 19); }");
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(Photo, TestContext.Current.CancellationToken));

        await text.EvaluateAsync("""
            (area, [bytes, gesture]) => {
                const data = Uint8Array.from(atob(bytes), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([data], "collee.jpg", { type: "image/jpeg" }));
                const event = gesture === "paste"
                    ? new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true })
                    : new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true });
                area.dispatchEvent(event);
            }
            """, new object[] { bytes, gesture });

        var dialog = editor.GetByRole(AriaRole.Dialog, new() { Name = "Insérer une image dans le texte" });
        await Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(editor);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insérer l’image" }).ClickAsync();
        await Expect(dialog.GetByText("le texte alternatif est obligatoire")).ToBeVisibleAsync();
        await dialog.GetByLabel("Texte alternatif").FillAsync("Une fusée collée");
        await dialog.GetByLabel("Légende").FillAsync("Le lanceur.");
        await dialog.GetByLabel("Crédit photo").FillAsync("ESA");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insérer l’image" }).ClickAsync();

        await Expect(dialog).Not.ToBeVisibleAsync();
        var body = await text.InputValueAsync();
        Assert.Matches("^Premier paragraphe\\.\n\n!\\[Une fusée collée\\]\\(/media/collee-[0-9a-f]{10}\\.jpg \"Le lanceur\\. — Photo : ESA\"\\)\n\nDernier paragraphe\\.$", body);
        await Expect(editor.Locator("#apercu-direct .article-body figure.body-image figcaption .credit")).ToHaveTextAsync("Photo\u00a0: ESA");
    }
}
