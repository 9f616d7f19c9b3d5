using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Media;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>An author sees their own articles and published ones in the admin, nothing of a colleague's unpublished work.</summary>
public sealed class AuthorVisibilityTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    private const string Embargo = "EMBARGO";

    private static readonly string[] AdminViews =
        ["/admin", "/admin?statut=draft", "/admin?statut=scheduled", "/admin?statut=published", "/admin?statut=deleted", "/admin?titre=collegue", "/admin/images"];

    private string _embargoedPicture = "";

    private async Task SeedColleaguesUnpublishedWorkAsync()
    {
        var import = app.Services.GetRequiredService<ImportArticles>();
        var media = app.Services.GetRequiredService<MediaLibrary>();
        var images = Path.Combine(PublisherFactory.RepositoryRoot, "content", "images");
        var picture = await media.AddAsync(Path.Combine(images, "2026-02-03-ariane-64-premier-vol.jpg"), TestContext.Current.CancellationToken);
        _embargoedPicture = picture.Url;
        ArticleInput Hidden(string slug, ArticleStatus status, DateTimeOffset at) =>
            TestArticles.Input(slug, $"{Embargo} : {slug}", at, status) with { Image = picture, ImageAlt = $"{Embargo} alt", ImageCaption = $"{Embargo} légende", ImageCredit = $"{Embargo} crédit" };
        await import.UpsertAsync(Hidden("brouillon-d-un-collegue", ArticleStatus.Draft, PublisherFactory.Today), null, TestContext.Current.CancellationToken);
        await import.UpsertAsync(Hidden("programme-d-un-collegue", ArticleStatus.Scheduled, PublisherFactory.Today.AddDays(3)), null, TestContext.Current.CancellationToken);
        await import.UpsertAsync(Hidden("supprime-d-un-collegue", ArticleStatus.Published, PublisherFactory.Today.AddDays(-1)), null, TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await app.ArticleIdAsync("supprime-d-un-collegue"), await AdminSession.CreateEditorIdAsync(app), TestContext.Current.CancellationToken);
        await import.UpsertAsync(TestArticles.Input("deja-publie", "Un article déjà publié", PublisherFactory.Today.AddDays(-2)) with { Image = await media.AddAsync(Path.Combine(images, "2026-07-08-starship-transfert-ergols.jpg"), TestContext.Current.CancellationToken), ImageAlt = "Une fusée au décollage" }, null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_author_sees_nothing_of_colleagues_drafts_scheduled_or_deleted_articles_anywhere_in_the_admin()
    {
        await SeedColleaguesUnpublishedWorkAsync();
        using var author = AdminSession.Open(app);
        await author.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Author));
        using var editor = AdminSession.Open(app);
        await editor.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));

        foreach (var view in AdminViews)
        {
            var (response, page) = await author.GetAsync(view);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(Embargo, page.QuerySelector("main")!.OuterHtml, StringComparison.Ordinal);
        }
        var (_, published) = await author.GetAsync("/admin");
        Assert.Contains("Un article déjà publié", published.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (_, pictures) = await author.GetAsync("/admin/images");
        Assert.Contains("Une fusée au décollage", pictures.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (_, reuse) = await author.GetAsync("/admin/articles?image=" + _embargoedPicture);
        Assert.DoesNotContain(Embargo, reuse.QuerySelector("form.editor")!.OuterHtml, StringComparison.Ordinal);

        var (_, everything) = await editor.GetAsync("/admin/images");
        Assert.Contains($"{Embargo} crédit", everything.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (_, scheduled) = await editor.GetAsync("/admin?statut=scheduled");
        Assert.Contains("programme-d-un-collegue", scheduled.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_still_sees_their_own_drafts()
    {
        using var author = AdminSession.Open(app);
        await author.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Author));
        var (_, blank) = await author.GetAsync("/admin/articles");
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = "Mon brouillon à moi",
            ["Input.Section"] = "Spatial",
            ["Input.Tags"] = "Fusées",
            ["Input.Standfirst"] = "Un chapô.",
            ["Input.Body"] = "Un texte.",
            ["Input.Status"] = "draft",
        };
        await app.Services.GetRequiredService<ImportArticles>().UpsertAsync(TestArticles.Input("pour-creer-la-rubrique", "Pour créer la rubrique", PublisherFactory.Today.AddDays(-5)), null, TestContext.Current.CancellationToken);

        var (saved, _) = await author.SubmitAsync("/admin/articles", (AngleSharp.Html.Dom.IHtmlFormElement)blank.QuerySelector("form.editor")!, values, "Enregistrer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, drafts) = await author.GetAsync("/admin?statut=draft");
        Assert.Contains("Mon brouillon à moi", drafts.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
