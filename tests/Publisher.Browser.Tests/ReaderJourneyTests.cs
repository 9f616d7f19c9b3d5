using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Publisher.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Publisher.Browser.Tests;

/// <summary>Readers find articles by search, tags, sections, « À lire aussi » and pages, with and without JavaScript.</summary>
[Collection(nameof(ReaderSite))]
public sealed class ReaderJourneyTests(ReaderSite site)
{
    private const string HospitalTitle = "Rançongiciel : le centre hospitalier de Vallon-sur-Orne contraint de revenir au papier";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_search_typed_without_accents_leads_to_the_article_then_to_its_tag_section_and_related_articles(bool javaScript)
    {
        var page = await site.OpenPageAsync(javaScript: javaScript);
        await page.GotoAsync("/");

        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Rechercher" });
        await search.FillAsync("rancongiciel hopital");
        await search.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/recherche\\?q=rancongiciel"));
        var result = page.Locator(".search-results").GetByRole(AriaRole.Link, new() { Name = Typeset(HospitalTitle) });
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.Locator(".search-results mark").First).ToBeVisibleAsync();

        await result.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/articles/hopital-rancongiciel-vallon-sur-orne$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Typeset(HospitalTitle));

        var tag = page.GetByRole(AriaRole.List, new() { Name = "Tags" }).GetByRole(AriaRole.Link).First;
        var tagName = await tag.TextContentAsync();
        await tag.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(tagName!);
        await Expect(page.Locator(".article-list").GetByRole(AriaRole.Link, new() { Name = Typeset(HospitalTitle) })).ToBeVisibleAsync();

        await page.GoBackAsync();
        await page.Locator(".article-header .kicker a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/rubriques/cybersecurite$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Cybersécurité");
        await Expect(page.Locator(".article-list").GetByRole(AriaRole.Link, new() { Name = Typeset(HospitalTitle) })).ToBeVisibleAsync();

        await page.GoBackAsync();
        var related = page.GetByRole(AriaRole.Region, new() { Name = "À lire aussi" }).GetByRole(AriaRole.Link).First;
        var relatedTitle = (await related.TextContentAsync())!.Trim();
        await related.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/articles/hopital-rancongiciel-vallon-sur-orne$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(relatedTitle);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_home_page_pages_through_every_published_article_and_back(bool javaScript)
    {
        var page = await site.OpenPageAsync(javaScript: javaScript);
        await page.GotoAsync("/");
        var cards = page.Locator(".article-list > li");
        await Expect(cards).ToHaveCountAsync(10);
        await Expect(cards.First.Locator("h2 a")).ToHaveAttributeAsync("href", "/articles/" + SampleContent.Published[0]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Articles plus anciens" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?page=2$"));
        await Expect(cards).ToHaveCountAsync(SampleContent.Published.Count - 10);
        await Expect(cards.First.Locator("h2 a")).ToHaveAttributeAsync("href", "/articles/" + SampleContent.Published[10]);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Articles plus anciens" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Articles plus récents" }).ClickAsync();
        await Expect(cards.First.Locator("h2 a")).ToHaveAttributeAsync("href", "/articles/" + SampleContent.Published[0]);
    }

    /// <summary>Titles reach the page typeset: the apostrophe curls and no-break spaces hold the colon.</summary>
    private static string Typeset(string title) => Publisher.Core.Text.FrenchTypography.Apply(title);
}
