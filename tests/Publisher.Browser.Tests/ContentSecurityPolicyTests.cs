using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>The site works under its own Content-Security-Policy: Chromium reports no violation anywhere.</summary>
[Collection(nameof(NewsroomSite))]
public sealed class ContentSecurityPolicyTests(NewsroomSite site)
{
    [Fact]
    public async Task Reader_pages_and_the_editor_with_its_live_preview_break_no_rule_of_the_policy()
    {
        var violations = new List<string>();
        var editor = await site.SignInAsync(Roles.Editor);
        editor.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{editor.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/", "/articles/" + SampleContent.SeedSlug, "/recherche?q=fusee", "/admin" })
        {
            await editor.GotoAsync(path);
        }
        await editor.GotoAsync("/admin/articles");
        await editor.GetByLabel("Texte (Markdown)").FillAsync("## Un intertitre\n\nUn paragraphe.");
        await Expect(editor.Locator("#apercu-direct .article-body h2")).ToHaveTextAsync("Un intertitre");

        Assert.Empty(violations);
    }
}
