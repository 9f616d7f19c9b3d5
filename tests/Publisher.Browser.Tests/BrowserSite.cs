using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Tests;

namespace Publisher.Browser.Tests;

/// <summary>
/// One real Kestrel server on a free 127.0.0.1 port, with its own temporary database seeded from content/,
/// and one headless Debian Chromium, shared by the tests of a collection.
/// </summary>
public abstract class BrowserSite : IAsyncLifetime
{
    public const string Password = "une phrase de passe assez longue";

    private readonly LiveApp _app = new();
    private IPlaywright? _playwright;

    public PublisherFactory App => _app;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    /// <summary>A fresh browser profile (no cookies), as a reader on a laptop or, given a width, on a phone.</summary>
    public async Task<IPage> OpenPageAsync(int width = 1280, int height = 900, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        // A journey that breaks should fail in seconds, not after Playwright's default half-minute. Loading a
        // page gets longer: on a busy two-core machine an admin page's load event once took more than ten
        // seconds (a sign-in in #19's CI, the editor in #20's), with nothing wrong but the wait.
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates an account with this role and signs it in through the sign-in form, in a fresh profile.</summary>
    public async Task<IPage> SignInAsync(string role, string? name = null, int width = 1280)
    {
        var email = $"{role}-{Guid.NewGuid():N}@publisher.test";
        await _app.Services.GetRequiredService<CreateAccount>().CreateAsync(email, name ?? $"Compte {role}", role, Password, TestContext.Current.CancellationToken);
        var page = await OpenPageAsync(width, width < 600 ? 812 : 900);
        await page.GotoAsync("/admin/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.TrimEnd('/') == "/admin");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class LiveApp : PublisherFactory
    {
        public LiveApp() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }
}

/// <summary>The server readers browse: its tests never write, so what they assert about the sample content holds.</summary>
public sealed class ReaderSite : BrowserSite;

/// <summary>The server editors write to: its tests create their own articles.</summary>
public sealed class NewsroomSite : BrowserSite;

[CollectionDefinition(nameof(ReaderSite))]
public sealed class ReaderSiteDefinition : ICollectionFixture<ReaderSite>;

[CollectionDefinition(nameof(NewsroomSite))]
public sealed class NewsroomSiteDefinition : ICollectionFixture<NewsroomSite>;
