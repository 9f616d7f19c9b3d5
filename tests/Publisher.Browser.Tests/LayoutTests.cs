using Publisher.Web.Tests;

namespace Publisher.Browser.Tests;

/// <summary>Public pages fit a phone and a laptop; the screenshots are kept for people to look at.</summary>
[Collection(nameof(ReaderSite))]
public sealed class LayoutTests(ReaderSite site)
{
    public static readonly TheoryData<string, string, int> Pages = Widths(
        ("accueil", "/"),
        ("article", "/articles/" + SampleContent.SeedSlug),
        ("rubrique", "/rubriques/spatial"),
        ("tag", "/tags/fusees"),
        ("auteur", "/auteurs/camille-renaud"),
        ("recherche", "/recherche?q=fusee"),
        ("page-introuvable", "/articles/cet-article-n-existe-pas"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_fits_the_screen_without_horizontal_scrolling_or_distorted_images(string name, string path, int width)
    {
        var page = await site.OpenPageAsync(width: width, height: width < 600 ? 812 : 900);
        await page.GotoAsync(path);
        await Screenshots.SaveAsync(page, $"{name}-{width}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at {width} px wide");

        var distorted = await page.EvaluateAsync<string[]>("""
            () => [...document.images]
                .filter(image => image.getClientRects().length > 0)
                .filter(image => {
                    const fit = getComputedStyle(image).objectFit;
                    if (fit === "cover" || fit === "contain") return false;
                    const natural = image.naturalWidth > 0
                        ? image.naturalWidth / image.naturalHeight
                        : image.getAttribute("width") / image.getAttribute("height");
                    const box = image.getBoundingClientRect();
                    return Math.abs(box.width / box.height / natural - 1) > 0.02;
                })
                .map(image => image.currentSrc || image.src)
            """);
        Assert.True(distorted.Length == 0, $"distorted at {width} px: " + string.Join(", ", distorted));
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task The_latest_articles_sit_beside_the_article_on_a_laptop_and_below_it_on_a_phone(int width)
    {
        var page = await site.OpenPageAsync(width: width);
        await page.GotoAsync("/articles/" + SampleContent.SeedSlug);

        var main = (await page.Locator("main").BoundingBoxAsync())!;
        var sidebar = (await page.Locator("aside.sidebar").BoundingBoxAsync())!;
        if (width < 960)
        {
            Assert.True(sidebar.Y >= main.Y + main.Height, "on a phone the sidebar should come after the article");
        }
        else
        {
            Assert.True(sidebar.X >= main.X + main.Width, "on a laptop the sidebar should stand to the right of the article");
            Assert.True(sidebar.Y < main.Y + main.Height, "on a laptop the sidebar should stand beside the article, not below it");
        }
    }

    private static TheoryData<string, string, int> Widths(params (string Name, string Path)[] pages)
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (name, path) in pages)
        {
            data.Add(name, path, 375);
            data.Add(name, path, 1280);
        }
        return data;
    }
}
