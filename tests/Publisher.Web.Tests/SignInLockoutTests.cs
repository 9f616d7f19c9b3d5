using System.Net;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Data;
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

    [Fact]
    public async Task Attempts_sent_at_once_are_counted_one_after_the_other_and_none_is_checked_past_the_lock()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Admin);
        var attempt = app.Services.GetRequiredService<SignInAttempt>();
        var client = IPAddress.Parse("192.0.2.80");

        // On threads of their own: SQLite's driver completes its calls synchronously, which would queue them.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => attempt.VerifyAsync(email, "mauvais mot de passe " + i, client, TestContext.Current.CancellationToken))))
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Each failure counted is a password checked: no more than the lock allows, however many arrive together.
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SignInAttempt.FailuresBeforeLockout, await connection.ExecuteScalarAsync<long>("SELECT SUM(recent) FROM sign_in_failures WHERE email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task A_failure_now_and_then_does_not_keep_the_account_slowed_down()
    {
        var email = await AdminSession.CreateUserAsync(app, Roles.Admin);
        var attempt = app.Services.GetRequiredService<SignInAttempt>();
        var client = IPAddress.Parse("192.0.2.90");
        // Two rounds of failures from one address, a lock apart: the account's slow-down is reached.
        for (var round = 0; round < SignInAttempt.FailuresBeforeSlowDown / SignInAttempt.FailuresBeforeLockout; round++)
        {
            for (var i = 0; i < SignInAttempt.FailuresBeforeLockout; i++)
            {
                await VerifyThroughAnySlowDownAsync(attempt, email, "mauvais mot de passe", client);
            }
            app.Clock.Advance(SignInAttempt.LockoutDuration + TimeSpan.FromSeconds(1));
        }

        // Then one more failure just before the row would be forgotten, as someone keeping the slow-down on would.
        app.Clock.Advance(SignInAttempt.SlowDownWindow - SignInAttempt.LockoutDuration - TimeSpan.FromMinutes(1));
        await VerifyThroughAnySlowDownAsync(attempt, email, "mauvais mot de passe", client);

        // The owner's answer does not wait: a sign-in slowed down would wait on the app's clock, which nothing moves now.
        var owner = attempt.VerifyAsync(email, AdminSession.Password, IPAddress.Parse("198.51.100.90"), TestContext.Current.CancellationToken);
        Assert.NotNull(await owner.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
    }

    private async Task<UserRow?> VerifyThroughAnySlowDownAsync(SignInAttempt attempt, string email, string password, IPAddress client)
    {
        var verify = attempt.VerifyAsync(email, password, client, TestContext.Current.CancellationToken);
        while (!verify.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            if (!verify.IsCompleted)
            {
                app.Clock.Advance(SignInAttempt.LongestSlowDown);
            }
        }
        return await verify;
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
