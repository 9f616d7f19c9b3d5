using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Admin;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// The app, where a request's client address is the one named in a test header: the test server has no
/// network peer, so this is how a test speaks from two places at once.
/// </summary>
public sealed class ClientAddressFactory : PublisherFactory
{
    public const string Header = "X-Test-Client-Address";

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SignInLockoutTests(ClientAddressFactory app) : IClassFixture<ClientAddressFactory>
{
    private AdminSession From(string address)
    {
        var session = AdminSession.Open(app);
        session.Client.DefaultRequestHeaders.Add(ClientAddressFactory.Header, address);
        return session;
    }

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_not_the_owner_signing_in_from_another()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Admin);
        using var attacker = From("203.0.113.7");
        using var owner = From("198.51.100.20");
        for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
        {
            await attacker.SignInAsync(email, "mauvais mot de passe " + i);
        }

        var (ownerSignIn, _) = await owner.SignInAsync(email);
        var (stillLocked, lockedPage) = await attacker.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, ownerSignIn.StatusCode);
        Assert.Equal("/admin", ownerSignIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);
        Assert.Equal(SignInModel.Failure, lockedPage.QuerySelector(".form-errors")!.Text());
        AdminSession.AssertRedirectedToSignIn((await attacker.GetAsync("/admin")).Response);
    }

    [Fact]
    public async Task An_IPv6_client_cannot_escape_the_lock_by_changing_address_within_its_network()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Editor);
        for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
        {
            using var attacker = From($"2001:db8:1:2::{i + 1:x}");
            await attacker.SignInAsync(email, "mauvais mot de passe " + i);
        }

        using var sameNetwork = From("2001:db8:1:2::ffff");
        using var otherNetwork = From("2001:db8:1:3::1");
        var (locked, lockedPage) = await sameNetwork.SignInAsync(email);
        var (elsewhere, _) = await otherNetwork.SignInAsync(email);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(SignInModel.Failure, lockedPage.QuerySelector(".form-errors")!.Text());
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Failures_from_many_addresses_slow_the_account_down_without_locking_the_owner_out(bool accountExists)
    {
        var email = accountExists ? await AdminSession.CreateUserAsync(app, Roles.Admin) : $"personne-{Guid.NewGuid():N}@publisher.test";
        // Each address stops at its own lock; together they reach the account's slow-down.
        for (var a = 0; a < SignInAttempt.FailuresBeforeSlowDown / SignInAttempt.FailuresBeforeLockout; a++)
        {
            using var attacker = From($"192.0.2.{a + 1}");
            for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
            {
                await attacker.SignInAsync(email, "mauvais mot de passe " + i);
            }
        }
        using var owner = From("198.51.100.30");
        var (_, form) = await owner.GetAsync("/admin/connexion");
        var timers = app.Clock.TimersCreated;

        var signIn = owner.SubmitAsync("/admin/connexion", (AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("main form")!, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AdminSession.Password });
        await WaitForANewTimerAsync(timers);

        // The answer waits for the slow-down (on the app's clock), whether or not the account exists.
        Assert.False(signIn.IsCompleted);
        app.Clock.Advance(SignInAttempt.LongestSlowDown);
        var (response, _) = await signIn.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(accountExists ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForANewTimerAsync(int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (app.Clock.TimersCreated == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }
}

public sealed class SignInAttemptRulesTests
{
    [Fact]
    public void The_slow_down_grows_with_the_failures_and_stays_bounded()
    {
        Assert.Null(SignInAttempt.SlowDown(SignInAttempt.FailuresBeforeSlowDown - 1));
        Assert.Equal(TimeSpan.FromSeconds(1), SignInAttempt.SlowDown(SignInAttempt.FailuresBeforeSlowDown));
        Assert.Equal(TimeSpan.FromSeconds(3), SignInAttempt.SlowDown(SignInAttempt.FailuresBeforeSlowDown + 2));
        Assert.Equal(SignInAttempt.LongestSlowDown, SignInAttempt.SlowDown(long.MaxValue));
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    public void Failures_are_counted_per_IPv4_address_and_per_IPv6_network(string? address, string key) =>
        Assert.Equal(key, SignInAttempt.ClientKey(address is null ? null : IPAddress.Parse(address)));
}
