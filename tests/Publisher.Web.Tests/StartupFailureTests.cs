namespace Publisher.Web.Tests;

/// <summary>What stops the site from starting is told in one line, with exit code 3, never as a stack trace.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("publisher-startup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertOneClearLine(int exitCode, string output, string expected)
    {
        Assert.Equal(3, exitCode);
        var line = Assert.Single(output.Split('\n'), line => line.Contains("FTL", StringComparison.Ordinal));
        Assert.Contains("Publisher cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_file_that_is_not_a_database()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "publisher.db"), [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 37))], TestContext.Current.CancellationToken);

        var (exitCode, output) = await AppProcess.RunAsync(AppProcess.Settings(_folder));

        AssertOneClearLine(exitCode, output, "is not a SQLite database, or its first page is damaged; restore a backup");
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "un-fichier"), "pas un dossier", TestContext.Current.CancellationToken);

        var (exitCode, output) = await AppProcess.RunAsync(AppProcess.Settings(Path.Combine(_folder, "un-fichier", "data")));

        AssertOneClearLine(exitCode, output, "cannot be used");
    }

    [Fact]
    public async Task A_port_already_taken()
    {
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;

        var (exitCode, output) = await AppProcess.RunAsync([.. AppProcess.Settings(_folder)[..^1], $"--urls=http://127.0.0.1:{port}"]);

        AssertOneClearLine(exitCode, output, "already in use");
    }
}
