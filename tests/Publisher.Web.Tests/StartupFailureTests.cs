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

    [Fact]
    public async Task A_provider_that_names_no_engine()
    {
        var (exitCode, output) = await AppProcess.RunAsync([.. AppProcess.Settings(_folder), "--Database:Provider=Oracle"]);

        AssertOneClearLine(exitCode, output, "Database:Provider is 'Oracle': it must be Sqlite (the default) or Postgres");
    }

    [Fact]
    public async Task A_postgresql_setting_without_a_connection_string()
    {
        var (exitCode, output) = await AppProcess.RunAsync([.. AppProcess.Settings(_folder), "--Database:Provider=Postgres", "--ConnectionStrings:Publisher="]);

        AssertOneClearLine(exitCode, output, "ConnectionStrings:Publisher is empty: with Database:Provider=Postgres it must name the server and the database");
    }

    [Fact]
    public async Task A_postgresql_server_that_does_not_answer()
    {
        var port = AppProcess.FreePort();

        var (exitCode, output) = await AppProcess.RunAsync([.. AppProcess.Settings(_folder), "--Database:Provider=Postgres", $"--ConnectionStrings:Publisher=Host=127.0.0.1;Port={port};Database=publisher;Username=publisher;Timeout=5"]);

        AssertOneClearLine(exitCode, output, $"cannot reach PostgreSQL at 127.0.0.1:{port} named by ConnectionStrings:Publisher");
    }
}
