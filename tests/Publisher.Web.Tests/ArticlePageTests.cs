using System.Net;

namespace Publisher.Web.Tests;

public sealed class ArticlePageTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task Shows_the_seed_article_with_its_title_standfirst_and_sections()
    {
        var (response, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var article = page.QuerySelector("main article")!;
        Assert.Equal("Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter", Assert.Single(page.QuerySelectorAll("h1")).Text());
        Assert.StartsWith("Elon Musk, le patron de Twitter (nouvellement X)", article.QuerySelector(".standfirst")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["L’art de la désinformation", "Un enjeu technique"], article.QuerySelectorAll(".article-body h2").Select(heading => heading.Text()));
        Assert.Equal("l-art-de-la-desinformation", article.QuerySelector(".article-body h2")!.Id);
        Assert.Equal("Elon Musk bafoue ses propres principes en interviewant Donald Trump sur X/Twitter – Publisher", page.Title);
    }

    [Fact]
    public async Task Shows_the_photo_with_its_caption_and_credit()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var figure = page.QuerySelector("main article figure.hero")!;
        var image = figure.QuerySelector("img")!;
        Assert.StartsWith("/media/", image.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("micro", image.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Equal(("1200", "675"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Equal("Republican presidential candidate Donald Trump smiles during a campaign stop, Wednesday, Feb. 17, 2016, in Bluffton, S.C.", figure.QuerySelector(".caption")!.Text());
        Assert.Equal("Photo : Matt Rourke / AP", figure.QuerySelector(".credit")!.Text());

        using var client = app.CreateReader();
        using var picture = await client.GetAsync(new Uri(image.GetAttribute("src")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Phones_get_smaller_pictures_and_browsers_that_can_get_webp()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var picture = page.QuerySelector("figure.hero picture")!;
        var webp = picture.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset")!.Split(", ");
        var original = picture.QuerySelector("img")!.GetAttribute("srcset")!.Split(", ");
        Assert.Equal(["480w", "960w", "1200w"], webp.Select(candidate => candidate.Split(' ')[1]));
        Assert.Equal(["480w", "960w", "1200w"], original.Select(candidate => candidate.Split(' ')[1]));
        using var client = app.CreateReader();
        using var small = await client.GetAsync(new Uri(webp[0].Split(' ')[0], UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("image/webp", small.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", small.Headers.CacheControl!.ToString());
        using var smallOriginal = await client.GetAsync(new Uri(original[0].Split(' ')[0], UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, smallOriginal.StatusCode);
        Assert.Equal("image/jpeg", smallOriginal.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Shows_author_section_tags_reading_time_and_the_publication_date_in_paris_time()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var article = page.QuerySelector("main article")!;
        Assert.Equal("La rédaction", article.QuerySelector(".author")!.Text());
        var published = article.QuerySelector(".dates time")!;
        Assert.Equal("12 août 2024 à 9 h 05", published.Text());
        Assert.Equal("2024-08-12T09:05:00+02:00", published.GetAttribute("datetime"));
        Assert.Equal("Publié le 12 août 2024 à 9 h 05", article.QuerySelector(".dates")!.Text());
        Assert.Matches(@"^Lecture : \d+ min$", article.QuerySelector(".reading-time")!.Text());
        Assert.Contains("/rubriques/reseaux-sociaux", article.LinkTargets(".article-footer a"));
        Assert.Equal(["/tags/desinformation", "/tags/elon-musk", "/tags/union-europeenne", "/tags/x"], article.LinkTargets(".tags a"));
    }

    [Fact]
    public async Task An_updated_article_says_when_it_was_updated()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.UpdatedSlug);

        Assert.Equal("Publié le 19 mai 2026 à 10 h 20 · Mis à jour le 20 mai 2026 à 18 h 30", page.QuerySelector("main article .dates")!.Text());
    }

    [Fact]
    public async Task The_body_has_french_typography_and_its_code_is_untouched()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.UpdatedSlug);

        var body = page.QuerySelector(".article-body")!;
        Assert.Contains("Faut-il s’inquiéter\u202F?", body.TextContent, StringComparison.Ordinal);
        Assert.Contains("«\u202Fla fenêtre de tir est ouverte\u202F»", body.TextContent, StringComparison.Ordinal);
        Assert.Equal("curl -s \"http://192.168.1.1/api/system/info?fields=firmware\" | grep -o '\"firmware\": *\"[^\"]*\"'\n", body.QuerySelector("pre code")!.TextContent);
        Assert.Equal("noopener", body.QuerySelector("a[href^='https://www.cert.ssi.gouv.fr']")!.GetAttribute("rel"));
    }

    [Fact]
    public async Task Thousands_in_the_seed_are_grouped_with_a_narrow_no_break_space()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        Assert.Contains("300\u202F000 personnes", page.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/articles/article-qui-n-existe-pas")]
    [InlineData("/articles")]
    public async Task An_unknown_article_is_a_french_404(string path)
    {
        var (response, page) = await app.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page introuvable", page.QuerySelector("h1")!.Text());
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }
}
