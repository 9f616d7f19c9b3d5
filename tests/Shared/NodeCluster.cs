using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Publisher.Tests.Hosting;

/// <summary>
/// A PostgreSQL server for the tests of several nodes: the one <c>PUBLISHER_TEST_POSTGRES</c> names, or else a
/// throwaway one of its own (<c>tests/postgres.sh start</c> on a free port), stopped when disposed.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string ServerVariable = "PUBLISHER_TEST_POSTGRES";

    private readonly string _repositoryRoot;
    private readonly int? _ownPort;

    private PostgresServer(string repositoryRoot, string connectionString, int? ownPort)
    {
        _repositoryRoot = repositoryRoot;
        ConnectionString = connectionString;
        _ownPort = ownPort;
    }

    /// <summary>The server's connection string, on its <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(repositoryRoot, given, null);
        }
        var port = PublisherProcess.FreePort();
        var (exitCode, output, errors) = await ChildProcess.RunAsync("bash", [Path.Combine(repositoryRoot, "tests", "postgres.sh"), "start", port.ToString(CultureInfo.InvariantCulture)], repositoryRoot, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"The tests of several nodes need PostgreSQL: set {ServerVariable}, or install it with `bash tests/setup.sh` so that tests/postgres.sh can start one. tests/postgres.sh said: {errors.Trim()}");
        }
        return new PostgresServer(repositoryRoot, output.Trim(), port);
    }

    /// <summary>A new empty database (no migration: the nodes' start-up applies them); its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await RunAsync($"CREATE DATABASE {name}", cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public Task DropDatabaseAsync(string name) => RunAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_ownPort is { } port)
        {
            NpgsqlConnection.ClearAllPools();
            var (exitCode, _, errors) = await ChildProcess.RunAsync("bash", [Path.Combine(_repositoryRoot, "tests", "postgres.sh"), "stop", port.ToString(CultureInfo.InvariantCulture)], _repositoryRoot, CancellationToken.None);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"tests/postgres.sh stop {port} failed: {errors.Trim()}");
            }
        }
    }

    private async Task RunAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// One node: <c>dotnet Publisher.Web.dll</c> on its own 127.0.0.1 port with the cluster's settings, its output
/// in a log file. Started, killed (SIGKILL, as a crash) and started again with the same settings.
/// </summary>
internal sealed class PublisherNode(string name, string repositoryRoot, IReadOnlyList<string> settings, string logPath) : IDisposable
{
    private readonly Lock _logLock = new();
    private Process? _process;
    private StreamWriter? _log;
    private long _logStart;

    public string Name => name;

    public int Port { get; } = PublisherProcess.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public void Start()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"node {name} already runs");
        }
        _process?.Dispose();
        _log?.Dispose();
        _log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _logStart = _log.BaseStream.Position;
        _process = PublisherProcess.Start(repositoryRoot, [.. settings, $"--Node:Name={name}", $"--urls={Address}"]);
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, line) => Write(line.Data);
        _process.ErrorDataReceived += (_, line) => Write(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; throws with the end of the node's log if it exits or takes too long.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (!await PublisherProcess.IsReadyAsync(probe, cancellationToken))
        {
            if (_process is null || _process.HasExited || waited.Elapsed > timeout)
            {
                throw new InvalidOperationException($"node {name} did not become ready in {waited.Elapsed.TotalSeconds:N0} s{(_process is { HasExited: true } ? $" (exited with {_process.ExitCode})" : "")}; its log ends with:\n{LogTail()}");
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>SIGKILL: the node gets no chance to finish anything, as in a crash or an out-of-memory kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public string Log() => Read(0);

    /// <summary>What the node logged since it was last started.</summary>
    public string LogOfThisRun() => Read(_logStart);

    public string LogTail(int lines = 30) => string.Join('\n', Log().Split('\n').TakeLast(lines));

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private string Read(long from)
    {
        lock (_logLock)
        {
            if (!File.Exists(logPath))
            {
                return "";
            }
            using var file = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Position = from;
            using var reader = new StreamReader(file);
            return reader.ReadToEnd();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }
}

/// <summary>
/// nginx as the load balancer in front of the nodes, with deploy/nginx/publisher.conf filled in: one process
/// (<c>master_process off</c>, so that killing it leaves no worker behind), its configuration, pid, logs and
/// temporary files in a folder of its own, listening on a free 127.0.0.1 port.
/// </summary>
internal sealed class NginxBalancer : IDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"];

    private readonly Process _process;
    private readonly string _folder;

    private NginxBalancer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    /// <summary>The access log: method, path, status, and which node answered (or which ones were tried).</summary>
    public string AccessLog => File.Exists(Path.Combine(_folder, "access.log")) ? File.ReadAllText(Path.Combine(_folder, "access.log")) : "";

    public static async Task<NginxBalancer> StartAsync(string repositoryRoot, string folder, int port, IEnumerable<int> nodePorts, CancellationToken cancellationToken)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The tests of several nodes need nginx as their load balancer: install Debian's nginx-light (tests/setup.sh does).");
        Directory.CreateDirectory(folder);
        var template = await File.ReadAllLinesAsync(Path.Combine(repositoryRoot, "deploy", "nginx", "publisher.conf"), cancellationToken);
        var site = template.SelectMany(line => line.Contains("{{NODE}}", StringComparison.Ordinal)
                ? nodePorts.Select(node => line.Replace("{{NODE}}", $"127.0.0.1:{node}", StringComparison.Ordinal))
                : [line.Replace("{{LISTEN}}", $"127.0.0.1:{port}", StringComparison.Ordinal).Replace("{{SERVER}}", "127.0.0.1", StringComparison.Ordinal)]);
        await File.WriteAllLinesAsync(Path.Combine(folder, "publisher.conf"), site, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format nodes '$msec $request_method $request_uri $status upstream=$upstream_addr upstream_status=$upstream_status';
                access_log {{folder}}/access.log nodes;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                include {{folder}}/publisher.conf;
            }
            """, cancellationToken);
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var balancer = new NginxBalancer(process, folder, port);
        using var probe = new HttpClient { BaseAddress = balancer.Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (!await PublisherProcess.IsReadyAsync(probe, cancellationToken))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                var errors = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log"), cancellationToken) : "";
                balancer.Dispose();
                throw new InvalidOperationException($"nginx did not start or does not reach the nodes; its error log: {errors}");
            }
            await Task.Delay(20, cancellationToken);
        }
        return balancer;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

/// <summary>
/// Two or more nodes on one PostgreSQL database and one media folder, behind nginx: the set-up of
/// docs/operations.md (« Running several nodes ») on 127.0.0.1, for the tests of several nodes and the soak test.
/// </summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    public const string EditorPassword = "une phrase de passe pour plusieurs nœuds";

    private readonly PostgresServer _server;
    private readonly string _databaseName;

    private NodeCluster(PostgresServer server, string databaseName, string connectionString, string folder, IReadOnlyList<PublisherNode> nodes, NginxBalancer balancer)
    {
        _server = server;
        _databaseName = databaseName;
        ConnectionString = connectionString;
        Folder = folder;
        Nodes = nodes;
        Balancer = balancer;
    }

    /// <summary>The cluster's database, for a test to look at behind the nodes' back.</summary>
    public string ConnectionString { get; }

    /// <summary>Everything the cluster writes: media, each node's keys folder (left empty), logs, nginx's files. Deleted when disposed.</summary>
    public string Folder { get; }

    public IReadOnlyList<PublisherNode> Nodes { get; }

    public NginxBalancer Balancer { get; }

    /// <summary>The public address every node is configured with (<c>Site:BaseUrl</c>): nginx's.</summary>
    public Uri BaseUrl => Balancer.Address;

    /// <summary>
    /// Creates a database, starts the nodes (at once, or one after another when <paramref name="oneByOne"/>, so
    /// that the first one started takes what is elected at start-up), then nginx, then an editor account per
    /// address given. The first node to start imports <c>contentFolder</c> (the repository's content/ takes long:
    /// its pictures are resized).
    /// </summary>
    public static async Task<NodeCluster> StartAsync(
        PostgresServer server, string repositoryRoot, string contentFolder, int nodeCount, bool oneByOne, IReadOnlyList<string> editors, IReadOnlyList<string> extraSettings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("publisher-nodes-").FullName;
        var databaseName = "publisher_nodes_" + Guid.NewGuid().ToString("N")[..20];
        var connectionString = await server.CreateDatabaseAsync(databaseName, cancellationToken);
        var balancerPort = PublisherProcess.FreePort();
        var nodes = new List<PublisherNode>();
        try
        {
            string[] settings =
            [
                "--Database:Provider=Postgres",
                $"--ConnectionStrings:Publisher={connectionString}",
                $"--Media:Path={Path.Combine(folder, "media")}",
                $"--Content:Path={contentFolder}",
                $"--Site:BaseUrl=http://127.0.0.1:{balancerPort}",
                "--Proxy:TrustedProxies:0=127.0.0.1",
                // Every sign-in of a test comes from 127.0.0.1; the limit has tests of its own.
                "--Admin:SignInAttemptsPerMinute=10000",
                .. extraSettings,
            ];
            for (var i = 0; i < nodeCount; i++)
            {
                var name = ((char)('a' + i)).ToString();
                // A keys folder of each node's own: the keys that sign cookies and anti-forgery tokens are in the
                // database, and nothing else need be shared but the database and the media folder.
                nodes.Add(new PublisherNode(name, repositoryRoot, [.. settings, $"--Admin:KeysPath={Path.Combine(folder, $"keys-{name}")}"], Path.Combine(folder, $"node-{name}.log")));
            }
            foreach (var node in nodes)
            {
                node.Start();
                if (oneByOne)
                {
                    await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), cancellationToken);
                }
            }
            await Task.WhenAll(nodes.Select(node => node.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), cancellationToken)));
            foreach (var email in editors)
            {
                var (exitCode, output, errors) = await ChildProcess.RunAsync(
                    "dotnet", [Path.Combine(AppContext.BaseDirectory, "Publisher.Web.dll"), "user", "add", email, "--name", $"Éditeur {email.Split('@')[0]}", "--role", "editor", .. settings, $"--Admin:KeysPath={Path.Combine(folder, "keys-user")}"],
                    Path.Combine(repositoryRoot, "src", "Publisher.Web"), cancellationToken, input: EditorPassword);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"user add {email} failed: {output}{errors}");
                }
            }
            var balancer = await StartBalancerAsync(repositoryRoot, folder, balancerPort, nodes, cancellationToken);
            return new NodeCluster(server, databaseName, connectionString, folder, nodes, balancer);
        }
        catch
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
            await server.DropDatabaseAsync(databaseName);
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Balancer.Dispose();
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
        NpgsqlConnection.ClearAllPools();
        await _server.DropDatabaseAsync(_databaseName);
        Directory.Delete(Folder, recursive: true);
    }

    // nginx takes the port the nodes were told is the public address; should another process have taken it
    // meanwhile, nginx fails to start and says so.
    private static Task<NginxBalancer> StartBalancerAsync(string repositoryRoot, string folder, int port, IEnumerable<PublisherNode> nodes, CancellationToken cancellationToken) =>
        NginxBalancer.StartAsync(repositoryRoot, Path.Combine(folder, "nginx"), port, nodes.Select(node => node.Port), cancellationToken);
}

/// <summary>Runs a program to its end (two minutes at most) and returns its exit code and what it printed.</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await errors);
    }
}
