using Dapper;
using Microsoft.Data.Sqlite;

namespace Publisher.Web.Tests;

/// <summary>Moves the clock, so it has an app of its own.</summary>
public sealed class SchedulePublisherTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task A_scheduled_article_is_published_at_its_minute_with_nobody_visiting()
    {
        _ = app.Services; // the app runs, and its background service with it
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        const string statusSql = "SELECT status FROM articles WHERE slug = @Slug";
        Assert.Equal("scheduled", await connection.ExecuteScalarAsync<string>(statusSql, new { Slug = SampleContent.ScheduledSlug }));

        // The service runs on its own thread. Moving the clock while it works out how long to sleep would
        // leave it asleep until a minute after the new time: move it once the service sleeps.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (app.Clock.TimersCreated == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        app.Clock.SetUtcNow(SampleContent.ScheduledAt);

        // Then wait for what an editor would see, with a deadline.
        string? status;
        while ((status = await connection.ExecuteScalarAsync<string>(statusSql, new { Slug = SampleContent.ScheduledSlug })) != "published" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        Assert.Equal("published", status);
        Assert.Equal("2027-03-02T07:30:00Z", await connection.ExecuteScalarAsync<string>("SELECT content_changed_at FROM site_state"));
    }
}
