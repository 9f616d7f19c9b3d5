using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publisher.Web.Data;

namespace Publisher.Web.Tests;

/// <summary>
/// The real app on a fresh database of its own (a SQLite file, or a PostgreSQL database: <see cref="TestDatabase"/>), seeded by the app's first-run import of the repository's
/// content/ folder, with a clock stopped at noon UTC on 24 November 2026.
/// </summary>
public class PublisherFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Today = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "publisher-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The public address the app is configured with: canonicals, feeds and sitemaps use it.</summary>
    public const string BaseUrl = "https://www.publisher.test";

    public PublisherFactory()
        : this(null)
    {
    }

    /// <param name="engine">Null for the engine under test (<see cref="TestDatabase.EngineUnderTest"/>).</param>
    protected PublisherFactory(DatabaseEngine? engine)
    {
        Database = new TestDatabase(_folder, engine);
    }

    public TestClock Clock { get; } = new(Today);

    public string DataFolder => _folder;

    /// <summary>The app's database; <see cref="TestDatabase.Open"/> gives a connection of the test's own.</summary>
    public TestDatabase Database { get; }

    /// <summary>The SQLite file, for the tests about SQLite files (their class names say Sqlite).</summary>
    public string DatabasePath => Database.FilePath ?? throw new InvalidOperationException("This test is about SQLite files: run it on SQLite (its class name says so).");

    /// <summary>The folder imported on first start.</summary>
    public virtual string ContentFolder => Path.Combine(RepositoryRoot, "content");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public HttpClient CreateReader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The id of the article with this slug, read from the database.</summary>
    public async Task<long> ArticleIdAsync(string slug)
    {
        _ = Services;
        await using var connection = Database.Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT id FROM articles WHERE slug = @Slug", new { Slug = slug }, cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>The site-relative path of an absolute URL on the configured public address.</summary>
    public static string PathOf(string absoluteUrl)
    {
        Assert.StartsWith(BaseUrl + "/", absoluteUrl, StringComparison.Ordinal);
        return absoluteUrl[BaseUrl.Length..];
    }

    /// <summary>GETs a page and parses it as a browser would.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string path)
    {
        using var client = CreateReader();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Path"] = ContentFolder,
            ["Media:Path"] = Path.Combine(_folder, "media"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Site:BaseUrl"] = BaseUrl,
            ["Admin:KeysPath"] = Path.Combine(_folder, "keys"),
            // Every sign-in of a test class comes from the same address; the limit has tests of its own.
            ["Admin:SignInAttemptsPerMinute"] = "10000",
        }).AddInMemoryCollection(Database.Settings).AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices(services);
        });
    }

    /// <summary>Extra configuration for a test class's app.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Publisher.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Publisher.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The app on a SQLite file whatever the engine under test, for the tests about SQLite files (their class names say Sqlite).</summary>
public sealed class SqlitePublisherFactory() : PublisherFactory(DatabaseEngine.Sqlite);

/// <summary>The app with an empty database: the content folder it would import does not exist.</summary>
public sealed class EmptyPublisherFactory : PublisherFactory
{
    public override string ContentFolder => Path.Combine(DataFolder, "no-content");
}

/// <summary>A stopped clock that also says how many timers the app has set on it (the scheduled publisher's sleeps).</summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    /// <summary>Waits, ten seconds at most, until the app has set a timer (its scheduled publisher is asleep).</summary>
    public async Task WaitForATimerAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TimersCreated == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }
}
