using System.Diagnostics;
using Publisher.Tests.Hosting;

namespace Publisher.Web.Tests;

/// <summary>The app as operators run it: a separate process (<c>dotnet Publisher.Web.dll …</c>) with the repository's appsettings.json.</summary>
internal static class AppProcess
{
    public static Process Start(params string[] arguments) => PublisherProcess.Start(PublisherFactory.RepositoryRoot, arguments);

    /// <summary>Runs to the end (at most a minute) and returns what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The configuration that points a process at a folder of its own.</summary>
    public static string[] Settings(string folder, string database = "publisher.db") =>
    [
        $"--ConnectionStrings:Publisher=Data Source={Path.Combine(folder, database)}",
        $"--Media:Path={Path.Combine(folder, "media")}",
        $"--Admin:KeysPath={Path.Combine(folder, "keys")}",
        $"--Content:Path={Path.Combine(folder, "no-content")}",
        "--urls=http://127.0.0.1:0",
    ];

    /// <summary>A TCP port nobody listens on, for a server process of a test's own.</summary>
    public static int FreePort() => PublisherProcess.FreePort();

    /// <summary>Waits, at most a minute, until the site at the client's address answers <c>/readyz</c> with 200.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var waited = Stopwatch.StartNew();
        while (!await PublisherProcess.IsReadyAsync(client, TestContext.Current.CancellationToken))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the site did not start");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
