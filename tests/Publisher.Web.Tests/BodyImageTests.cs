using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace Publisher.Web.Tests;

/// <summary>
/// Pictures in the editor (issue 20): the library keeps the words typed once for a picture, and says which articles
/// are scheduled; a picture over the limit keeps the article typed around it; an image inserted into the text is
/// published as the main image is (srcset, credit line, structured data) and asks for its alternative text.
/// </summary>
public sealed class BodyImageTests(EditorSite app) : IClassFixture<EditorSite>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    private static async Task<byte[]> PhotoAsync(byte marker)
    {
        var photo = await System.IO.File.ReadAllBytesAsync(Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg"), TestContext.Current.CancellationToken);
        // The seed's own bytes with one more at the end: a picture the library does not hold yet.
        return [.. photo, marker];
    }

    private static Dictionary<string, string> Article(string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Standfirst"] = "Un chapô.",
        ["Input.Section"] = "Spatial",
        ["Input.Author"] = "Julien Marchetti",
        ["Input.Tags"] = "ESA",
        ["Input.Body"] = "Un premier paragraphe.",
        ["Input.Status"] = "draft",
    };

    private static Dictionary<string, (string, byte[])> File(string field, string name, byte[] bytes) => new() { [field] = (name, bytes) };

    [Fact]
    public async Task A_second_draft_using_a_picture_without_words_keeps_the_words_typed_first_and_reuse_fills_them()
    {
        var session = await app.EditorAsync();
        var photo = await PhotoAsync(1);
        var first = Article("Une fusée bien légendée");
        first["Input.ImageAlt"] = "Une fusée sur son pas de tir";
        first["Input.ImageCaption"] = "Le lanceur avant son vol.";
        first["Input.ImageCredit"] = "ESA / CNES";
        first["Input.Status"] = "published";
        first["Input.PublishAt"] = "2026-11-20T10:00";
        var (_, blank) = await session.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/admin/articles", Editor(blank), first, "Enregistrer", File("Input.ImageFile", "fusee.jpg", photo))).Response.StatusCode);
        var second = Article("Un brouillon qui reprend la fusée");
        (_, blank) = await session.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/admin/articles", Editor(blank), second, "Enregistrer", File("Input.ImageFile", "fusee.jpg", photo))).Response.StatusCode);

        var (_, media) = await session.GetAsync("/admin/images");

        var item = media.QuerySelectorAll(".media-grid li").Single(li => li.TextContent.Contains("Un brouillon qui reprend la fusée", StringComparison.Ordinal));
        var words = item.QuerySelectorAll("dd").Select(dd => dd.TextContent.Trim()).ToList();
        Assert.Equal("Une fusée sur son pas de tir", words[0]);
        Assert.Equal("Le lanceur avant son vol.", words[1]);
        Assert.Equal("ESA / CNES", words[2]);
        Assert.Contains("(Brouillon)", words[3], StringComparison.Ordinal);
        var (_, reuse) = await session.GetAsync(item.QuerySelector("a.button")!.GetAttribute("href")!);
        Assert.Equal("Une fusée sur son pas de tir", reuse.QuerySelector("input[name='Input.ImageAlt']")!.GetAttribute("value"));
        Assert.Equal("ESA / CNES", reuse.QuerySelector("input[name='Input.ImageCredit']")!.GetAttribute("value"));
        Assert.Equal("Le lanceur avant son vol.", reuse.QuerySelector("input[name='Input.ImageCaption']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_scheduled_articles_picture_is_labelled_scheduled_not_published()
    {
        var session = await app.EditorAsync();
        var values = Article("Une fusée programmée pour décembre");
        values["Input.ImageAlt"] = "Une fusée en décembre";
        values["Input.Status"] = "published";
        values["Input.PublishAt"] = "2026-12-15T09:00";
        var (_, blank) = await session.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer", File("Input.ImageFile", "decembre.jpg", await PhotoAsync(2)))).Response.StatusCode);

        var (_, media) = await session.GetAsync("/admin/images");

        var item = media.QuerySelectorAll(".media-grid li").Single(li => li.TextContent.Contains("Une fusée programmée pour décembre", StringComparison.Ordinal));
        Assert.Equal("(Programmé)", item.QuerySelector(".media-status")!.TextContent.Trim());
        Assert.DoesNotContain("déjà publiées", media.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_over_10_MB_gives_back_the_form_with_everything_typed_and_a_french_message_beside_the_field()
    {
        var session = await app.EditorAsync();
        var values = Article("Un article à ne pas perdre");
        values["Input.Body"] = "Trois heures de travail.\n\nEt un deuxième paragraphe.";
        values["Input.ImageAlt"] = "Une photo trop lourde";
        values["Input.ImageCredit"] = "AFP";
        var heavy = new byte[(11 * 1024 * 1024) + 17];
        (await PhotoAsync(3)).CopyTo(heavy, 0);
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer", File("Input.ImageFile", "lourde.jpg", heavy));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("L’image dépasse 10 Mo.", page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.TextContent.Trim());
        Assert.Equal("Un article à ne pas perdre", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("Trois heures de travail.\n\nEt un deuxième paragraphe.", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Body']")!).Value.ReplaceLineEndings("\n"));
        Assert.Equal("AFP", page.QuerySelector("input[name='Input.ImageCredit']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/un-article-a-ne-pas-perdre")).Response.StatusCode);
    }

    [Fact]
    public async Task An_image_inserted_into_the_text_without_script_is_published_as_a_figure_with_srcset_credit_and_structured_data()
    {
        var session = await app.EditorAsync();
        var values = Article("Un article illustré dans le texte");
        values["Input.Status"] = "published";
        values["Input.PublishAt"] = "2026-11-24T09:00";
        values["BodyImage.Alt"] = "Le lanceur sur son pas de tir";
        values["BodyImage.Caption"] = "Le lanceur la veille du vol.";
        values["BodyImage.Credit"] = "ESA / S. Corvaja";
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (inserted, form) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Insérer l’image dans le texte", File("BodyImage.File", "pas-de-tir.jpg", await PhotoAsync(4)));

        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        var body = ((IHtmlTextAreaElement)form.QuerySelector("textarea[name='Input.Body']")!).Value.ReplaceLineEndings("\n");
        Assert.StartsWith("Un premier paragraphe.\n\n![Le lanceur sur son pas de tir](/media/pas-de-tir-", body, StringComparison.Ordinal);
        Assert.EndsWith(".jpg \"Le lanceur la veille du vol. — Photo : ESA / S. Corvaja\")\n", body, StringComparison.Ordinal);
        Assert.Equal("Un article illustré dans le texte", form.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("", form.QuerySelector("input[name='BodyImage.Alt']")!.GetAttribute("value") ?? "");
        var url = System.Text.RegularExpressions.Regex.Match(body, @"\((/media/[^ )]+)").Groups[1].Value;
        using var reader = app.CreateReader();
        using (var before = await reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(form), new Dictionary<string, string>(), "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/un-article-illustre-dans-le-texte");
        var figure = article.QuerySelector(".article-body figure.body-image")!;
        var img = figure.QuerySelector("picture img")!;
        Assert.Equal(url, img.GetAttribute("src"));
        Assert.Equal("Le lanceur sur son pas de tir", img.GetAttribute("alt"));
        Assert.Equal(("1200", "675"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Contains(" 480w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(img.GetAttribute("sizes")));
        Assert.Contains(".webp 480w", figure.QuerySelector("picture source[type='image/webp']")!.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal("Le lanceur la veille du vol.", figure.QuerySelector("figcaption .caption")!.TextContent);
        Assert.Equal("Photo\u00A0: ESA / S. Corvaja", figure.QuerySelector("figcaption .credit")!.TextContent);
        using (var after = await reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        var news = article.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => JsonDocument.Parse(script.TextContent).RootElement)
            .Single(node => node.GetProperty("@type").GetString() == "NewsArticle");
        var image = news.GetProperty("image").EnumerateArray().Single(node => node.GetProperty("url").GetString()!.EndsWith(url, StringComparison.Ordinal));
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal("ESA / S. Corvaja", image.GetProperty("creditText").GetString());
        Assert.Equal("Le lanceur la veille du vol.", image.GetProperty("caption").GetString());
    }

    [Fact]
    public async Task An_image_inserted_into_the_text_needs_its_alternative_text_and_is_kept_until_it_has_one()
    {
        var session = await app.EditorAsync();
        var values = Article("Un article à l’image sans description");
        values["BodyImage.Credit"] = "Reuters";
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (refused, form) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Insérer l’image dans le texte", File("BodyImage.File", "sans-alt.jpg", await PhotoAsync(5)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Décrivez l’image : le texte alternatif est obligatoire", form.QuerySelector("[data-valmsg-for='BodyImage.Alt']")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Un premier paragraphe.", ((IHtmlTextAreaElement)form.QuerySelector("textarea[name='Input.Body']")!).Value);
        Assert.Equal("Reuters", form.QuerySelector("input[name='BodyImage.Credit']")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("[data-valmsg-for='Input.Title'].field-validation-error"));

        var (inserted, again) = await session.SubmitAsync("/admin/articles", Editor(form), new Dictionary<string, string> { ["BodyImage.Alt"] = "Une fusée vue de loin" }, "Insérer l’image dans le texte");

        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        var body = ((IHtmlTextAreaElement)again.QuerySelector("textarea[name='Input.Body']")!).Value.ReplaceLineEndings("\n");
        Assert.Matches("^Un premier paragraphe\\.\n\n!\\[Une fusée vue de loin\\]\\(/media/sans-alt-[0-9a-f]{10}\\.jpg \"Photo : Reuters\"\\)\n$", body);
    }

    [Fact]
    public async Task The_sub_editor_remarks_on_an_image_of_the_text_without_alternative_text()
    {
        var session = await app.EditorAsync();
        var values = Article("Une image muette");
        values["Input.Body"] = "Un texte.\n\n![](/media/inconnue.jpg)";
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (_, page) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Prévisualiser");

        Assert.Contains(page.QuerySelectorAll(".remarks li"), remark => remark.TextContent.StartsWith("Une image du texte n’a pas de texte alternatif", StringComparison.Ordinal));
    }
}
