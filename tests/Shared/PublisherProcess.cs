using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Publisher.Tests.Hosting;

/// <summary>
/// The app as operators run it, in a process of its own: <c>dotnet Publisher.Web.dll …</c> from src/Publisher.Web,
/// so with the repository's appsettings.json. Shared by the integration tests and the soak test.
/// </summary>
internal static class PublisherProcess
{
    /// <summary>Starts the app built next to the caller with these arguments, its input, output and error redirected.</summary>
    public static Process Start(string repositoryRoot, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repositoryRoot, "src", "Publisher.Web"),
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

    /// <summary>A TCP port nobody listens on, for a server process of one's own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether the site at the client's address answers <c>/readyz</c> with a success; false while it is not listening yet.</summary>
    public static async Task<bool> IsReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
