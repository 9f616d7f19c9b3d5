using Microsoft.Playwright;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>A reader with only a keyboard skips to the content and always sees where the focus is.</summary>
[Collection(nameof(ReaderSite))]
public sealed class KeyboardTests(ReaderSite site)
{
    [Fact]
    public async Task The_first_tab_shows_a_skip_link_that_moves_the_focus_to_the_content()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/articles/" + SampleContent.SeedSlug);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(new() { Ratio = 1 });

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.closest('main') !== null"),
            "after the skip link, Tab should go on inside the content, not back to the header");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/recherche?q=fusee")]
    public async Task Tab_reaches_every_link_and_control_and_each_shows_a_visible_focus(string path)
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync(path);

        var withoutVisibleFocus = new List<string>();
        for (var presses = 0; presses < 500; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusedElement?>("""
                () => {
                    const element = document.activeElement;
                    if (!element || element === document.body) return null;
                    element.dataset.reachedByTab = "true";
                    const style = getComputedStyle(element);
                    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
                        && style.outlineColor !== "rgba(0, 0, 0, 0)";
                    return { description: element.outerHTML.slice(0, 120), visible: outlined || style.boxShadow !== "none" };
                }
                """);
            if (focused is null)
            {
                break;
            }
            if (!focused.Visible)
            {
                withoutVisibleFocus.Add(focused.Description);
            }
        }

        Assert.True(withoutVisibleFocus.Count == 0, "no visible focus on:\n" + string.Join("\n", withoutVisibleFocus));
        var unreached = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea")]
                .filter(element => element.getClientRects().length > 0 && !element.dataset.reachedByTab)
                .map(element => element.outerHTML.slice(0, 120))
            """);
        Assert.True(unreached.Length == 0, "never reached with Tab:\n" + string.Join("\n", unreached));
    }

    private sealed class FocusedElement
    {
        public string Description { get; set; } = "";

        public bool Visible { get; set; }
    }
}
