using System.Net;
using AngleSharp.Html.Dom;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>An editor's upload becomes public with the save that uses it, never before.</summary>
public sealed class UploadStagingTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    [Fact]
    public async Task A_picture_sent_with_a_refused_save_is_not_public_until_the_save_goes_through()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");
        var photo = await File.ReadAllBytesAsync(Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg"), TestContext.Current.CancellationToken);
        // A new picture: the seed's own bytes with one more at the end, so the library does not hold it already.
        var picture = photo.Append((byte)0).ToArray();
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = "Un article à l’adresse déjà prise",
            ["Input.Slug"] = SampleContent.SeedSlug,
            ["Input.Standfirst"] = "Un chapô.",
            ["Input.Section"] = "Spatial",
            ["Input.Author"] = "Julien Marchetti",
            ["Input.Tags"] = "ESA",
            ["Input.Body"] = "Un texte.",
            ["Input.Status"] = "published",
            ["Input.PublishAt"] = "2026-11-24T11:30",
            ["Input.ImageAlt"] = "Une fusée",
        };

        var (refused, form) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer", new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("fusee.jpg", picture) });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("déjà celle d’un autre article", form.QuerySelector("[data-valmsg-for='Input.Slug']")!.Text(), StringComparison.Ordinal);
        var kept = ((IHtmlInputElement)form.QuerySelector("input[name='Input.ImageUrl']")!).Value;
        using var reader = app.CreateReader();
        using (var before = await reader.GetAsync(new Uri(kept, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(form), new Dictionary<string, string> { ["Input.Slug"] = "un-article-a-l-adresse-libre" }, "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/un-article-a-l-adresse-libre");
        Assert.Equal(kept, article.QuerySelector("figure.hero img")!.GetAttribute("src"));
        using var after = await reader.GetAsync(new Uri(kept, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
