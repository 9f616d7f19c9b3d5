using System.Net;

namespace Publisher.Web.Tests;

public sealed class VisibilityTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    public static TheoryData<string> HiddenSlugs() => new(SampleContent.Hidden);

    [Theory]
    [MemberData(nameof(HiddenSlugs))]
    public async Task Drafts_and_future_articles_have_no_page(string slug)
    {
        var (response, _) = await app.GetPageAsync("/articles/" + slug);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(HiddenSlugs))]
    public async Task Drafts_and_future_articles_are_linked_from_nowhere(string slug)
    {
        string[] pages =
        [
            "/", "/?page=2",
            "/rubriques/intelligence-artificielle", "/rubriques/spatial",
            "/tags/ia-generative", "/tags/fusees", "/tags/desinformation", "/tags/esa",
            "/articles/" + SampleContent.SeedSlug,
        ];
        foreach (var path in pages)
        {
            var (response, page) = await app.GetPageAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("/articles/" + slug, page.Body!.LinkTargets());
        }
    }
}

/// <summary>Moves the clock, so it has an app of its own.</summary>
public sealed class ScheduledPublicationTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task A_scheduled_article_goes_live_at_its_minute_without_a_restart()
    {
        var path = "/articles/" + SampleContent.ScheduledSlug;
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync(path)).Response.StatusCode);
        var (_, before) = await app.GetPageAsync("/");
        Assert.DoesNotContain(path, before.Sidebar().LinkTargets());

        // A minute before, the sidebar is read and kept in memory; the minute after must not wait for it to age.
        // The clock moves only while the scheduler sleeps: one working out its sleep as the clock jumps would
        // sleep past the new time.
        await app.Clock.WaitForATimerAsync();
        var timers = app.Clock.TimersCreated;
        app.Clock.SetUtcNow(SampleContent.ScheduledAt.AddMinutes(-1));
        var (stillHidden, early) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, stillHidden.StatusCode);
        Assert.DoesNotContain(path, early.Sidebar().LinkTargets());
        var asleep = DateTime.UtcNow.AddSeconds(10);
        while (app.Clock.TimersCreated == timers && DateTime.UtcNow < asleep)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }

        app.Clock.SetUtcNow(SampleContent.ScheduledAt);
        var (response, article) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Publié le 2 mars 2027 à 8 h 30", article.QuerySelector(".dates")!.Text());
        // Pages kept before its minute are dropped when the scheduler marks it published, within seconds of
        // its minute (SchedulePublisher.LeaseCheck), not at the instant the clock moves.
        var (_, home) = await app.GetPageAsync("/");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (home.Sidebar().LinkTargets()[0] != path && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            (_, home) = await app.GetPageAsync("/");
        }
        Assert.Equal(path, home.Sidebar().LinkTargets()[0]);
        Assert.Equal(path, home.QuerySelector("main")!.LinkTargets(".article-list h2 a")[0]);
        Assert.Contains(path, (await app.GetPageAsync("/tags/esa")).Document.QuerySelector("main")!.LinkTargets());
    }
}
