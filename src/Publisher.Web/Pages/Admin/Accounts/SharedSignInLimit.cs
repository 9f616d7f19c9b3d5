using System.Net;
using Microsoft.Extensions.Options;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// The sign-in attempts a client (as <see cref="SignInAttempt.ClientKey"/> counts clients) may make in a minute of
/// the clock, <see cref="AdminOptions.SignInAttemptsPerMinute"/>, counted in the database: several nodes behind a
/// load balancer allow that many between them, not that many each.
/// </summary>
public sealed class SharedSignInLimit(IDatabase database, TimeProvider clock, IOptions<AdminOptions> options)
{
    // Minutes past can refuse nothing any more. Kept a minute longer than that: nodes whose clocks differ by a
    // few seconds around a minute's end must not delete the minute another node is still counting.
    private const string ForgetSql = "DELETE FROM sign_in_attempts WHERE window_started_at < @Before";

    private const string CountSql = """
        INSERT INTO sign_in_attempts (window_started_at, client, attempts) VALUES (@Window, @Client, 1)
        ON CONFLICT (window_started_at, client) DO UPDATE SET attempts = sign_in_attempts.attempts + 1
        RETURNING attempts
        """;

    /// <summary>Counts an attempt of this client; false when it is past the minute's allowance (refused attempts count too).</summary>
    public async Task<bool> AllowsAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var minute = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMinute));
        var window = DateTimeOffsetHandler.ToText(minute);
        // Under the write lock like the rest of a sign-in's counting; the upsert alone would need none.
        await using var transaction = await database.BeginWriteAsync(cancellationToken);
        await transaction.ExecuteAsync(ForgetSql, new { Before = DateTimeOffsetHandler.ToText(minute.AddMinutes(-1)) }, cancellationToken);
        var attempts = await transaction.ScalarAsync<long>(CountSql, new { Window = window, Client = SignInAttempt.ClientKey(address) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return attempts <= options.Value.SignInAttemptsPerMinute;
    }
}
