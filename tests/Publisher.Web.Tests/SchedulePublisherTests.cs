using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Scheduling;

namespace Publisher.Web.Tests;

/// <summary>Moves the clock, so it has an app of its own.</summary>
public sealed class SchedulePublisherTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task A_scheduled_article_is_published_at_its_minute_with_nobody_visiting()
    {
        _ = app.Services; // the app runs, and its background service with it
        await using var connection = app.Database.Open();
        const string statusSql = "SELECT status FROM articles WHERE slug = @Slug";
        Assert.Equal("scheduled", await connection.ExecuteScalarAsync<string>(statusSql, new { Slug = SampleContent.ScheduledSlug }));

        // The service runs on its own thread. Moving the clock while it works out how long to sleep would
        // leave it asleep until a minute after the new time: move it once the service sleeps.
        await app.Clock.WaitForATimerAsync();
        app.Clock.SetUtcNow(SampleContent.ScheduledAt);
        var deadline = DateTime.UtcNow.AddSeconds(10);

        // Then wait for what an editor would see, with a deadline.
        string? status;
        while ((status = await connection.ExecuteScalarAsync<string>(statusSql, new { Slug = SampleContent.ScheduledSlug })) != "published" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        Assert.Equal("published", status);
        Assert.Equal("2027-03-02T07:30:00Z", await connection.ExecuteScalarAsync<string>("SELECT content_changed_at FROM site_state"));
    }

    [Fact]
    public async Task An_article_scheduled_in_the_editor_is_on_the_home_page_as_soon_as_its_time_comes()
    {
        _ = app.Services;
        await app.Clock.WaitForATimerAsync();
        var start = app.Clock.GetUtcNow();
        var timers = app.Clock.TimersCreated;
        var editor = await AdminSession.CreateEditorIdAsync(app);
        var input = TestArticles.Input("programme-dans-trente-secondes", "Programmé dans trente secondes", start.AddSeconds(30), ArticleStatus.Scheduled);
        Assert.IsType<EditorSaveResult.Saved>(await app.Services.GetRequiredService<SaveArticle>().SaveAsync(new ArticleSave(null, 0, input, editor, MayCreateTopics: true), TestContext.Current.CancellationToken));

        // The save wakes the scheduler, which sleeps again, now until the new article's time: move the clock once it does.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (app.Clock.TimersCreated == timers && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        // The home page as readers had it before: cached, and every snapshot of live articles taken.
        Assert.DoesNotContain("/articles/programme-dans-trente-secondes", (await app.GetPageAsync("/")).Document.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
        app.Clock.SetUtcNow(start.AddSeconds(30));

        IReadOnlyList<string> listed;
        deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(listed = (await app.GetPageAsync("/")).Document.QuerySelector("main")!.LinkTargets(".article-list h2 a")).Contains("/articles/programme-dans-trente-secondes") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
        Assert.Equal("/articles/programme-dans-trente-secondes", listed[0]);
    }
}

/// <summary>Runs the publisher by hand, with the scheduler stopped: it would wake at each article stored here and publish them first.</summary>
public sealed class PublishDueArticlesTests(EmptyPublisherFactory app) : IClassFixture<EmptyPublisherFactory>
{
    [Fact]
    public async Task Only_scheduled_articles_whose_time_has_come_are_published()
    {
        var publisher = app.Services.GetRequiredService<PublishDueArticles>();
        await app.Services.GetRequiredService<SchedulePublisher>().StopAsync(TestContext.Current.CancellationToken);
        var store = app.Services.GetRequiredService<ImportArticles>();
        var today = PublisherFactory.Today;
        await store.UpsertAsync(TestArticles.Input("prevu-il-y-a-un-an", "Prévu il y a un an", today.AddYears(-1), ArticleStatus.Scheduled), null, TestContext.Current.CancellationToken);
        await store.UpsertAsync(TestArticles.Input("prevu-a-cette-minute", "Prévu à cette minute", today, ArticleStatus.Scheduled), null, TestContext.Current.CancellationToken);
        await store.UpsertAsync(TestArticles.Input("prevu-dans-une-minute", "Prévu dans une minute", today.AddMinutes(1), ArticleStatus.Scheduled), null, TestContext.Current.CancellationToken);
        await store.UpsertAsync(TestArticles.Input("brouillon-date", "Un brouillon daté d’hier", today.AddDays(-1), ArticleStatus.Draft), null, TestContext.Current.CancellationToken);
        await store.UpsertAsync(TestArticles.Input("deja-publie", "Déjà publié", today.AddHours(-1)), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, await publisher.PublishAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await publisher.PublishAsync(TestContext.Current.CancellationToken));

        // No page shows the stored status: the admin labels an article by its date.
        await using var connection = app.Database.Open();
        var statuses = (await connection.QueryAsync<(string Slug, string Status)>("SELECT slug, status FROM articles")).ToDictionary(row => row.Slug, row => row.Status);
        Assert.Equal(new Dictionary<string, string>
        {
            ["prevu-il-y-a-un-an"] = "published",
            ["prevu-a-cette-minute"] = "published",
            ["prevu-dans-une-minute"] = "scheduled",
            ["brouillon-date"] = "draft",
            ["deja-publie"] = "published",
        }, statuses);
        var (_, home) = await app.GetPageAsync("/");
        Assert.Equal(["/articles/prevu-a-cette-minute", "/articles/deja-publie", "/articles/prevu-il-y-a-un-an"], home.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
    }
}
