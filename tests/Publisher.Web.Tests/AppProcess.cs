using System.Diagnostics;

namespace Publisher.Web.Tests;

/// <summary>The app as operators run it: a separate process (<c>dotnet Publisher.Web.dll …</c>) with the repository's appsettings.json.</summary>
internal static class AppProcess
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(PublisherFactory.RepositoryRoot, "src", "Publisher.Web"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Publisher.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

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
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits, at most a minute, until the site at the client's address answers <c>/readyz</c> with 200.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the site did not start");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
