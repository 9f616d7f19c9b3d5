using Microsoft.Playwright;
using Publisher.Web.Tests;

namespace Publisher.Browser.Tests;

/// <summary>Full-page screenshots kept for people to look at, in artifacts/screenshots/ at the repository root.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(PublisherFactory.RepositoryRoot, "artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
