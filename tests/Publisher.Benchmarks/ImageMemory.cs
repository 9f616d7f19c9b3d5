using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Publisher.Tests.Hosting;
using Publisher.Tests.Pictures;
using Publisher.Web.Media;

namespace Publisher.Benchmarks;

/// <summary>
/// <c>images</c>: what one crafted upload costs the real server in memory. A PNG of about 7 KB that declares
/// 7,740 × 7,740 pixels (just under 60 million) is sent through the editor's form, alone and then three at once,
/// each run on a fresh server; then a whole PNG as large as the library takes, the same way. The figure is the server's peak resident memory during the uploads (Linux's
/// VmHWM, reset through <c>/proc/PID/clear_refs</c> just before) less its resident memory when idle, signed in,
/// just before; the medians of the runs are printed. It stops the servers it started, and only those.
/// </summary>
public static class ImageMemory
{
    private const int Side = 7740;

    public static async Task<int> RunAsync(int runs)
    {
        // The largest square picture the library takes, with all its pixels: what an accepted upload costs at most.
        var limit = (int)Math.Sqrt(MediaLibrary.MaxPixels);
        var cases = new (string Label, int Uploads, Func<int, byte[]> Picture)[]
        {
            ("crafted 7 KB PNG, one upload", 1, mark => CraftedPng(Side, Side, mark, whole: false)),
            ("crafted 7 KB PNG, three at once", 3, mark => CraftedPng(Side, Side, mark, whole: false)),
            ($"whole {limit} × {limit} PNG, one upload", 1, mark => CraftedPng(limit, limit, mark, whole: true)),
            ($"whole {limit} × {limit} PNG, three at once", 3, mark => CraftedPng(limit, limit, mark, whole: true)),
        };
        foreach (var (label, uploads, picture) in cases)
        {
            var results = new List<(long Idle, long Peak, double Seconds, string Outcome)>();
            for (var run = 0; run < runs; run++)
            {
                results.Add(await RunOnceAsync(uploads, run, picture));
            }
            var above = results.Select(result => result.Peak - result.Idle).Order().ToList();
            var seconds = results.Select(result => result.Seconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                {label}: peak above idle {string.Join(", ", above)} MB (median {above[above.Count / 2]} MB); idle {string.Join(", ", results.Select(result => result.Idle))} MB;
                  time to answer {string.Join(", ", seconds.Select(value => value.ToString("N1", CultureInfo.InvariantCulture)))} s (median {seconds[seconds.Count / 2]:N1} s); answers: {string.Join("; ", results.Select(result => result.Outcome).Distinct())}
                """));
        }
        return 0;
    }

    private static async Task<(long Idle, long Peak, double Seconds, string Outcome)> RunOnceAsync(int uploads, int run, Func<int, byte[]> picture)
    {
        var folder = Directory.CreateTempSubdirectory("publisher-images-").FullName;
        var port = PublisherProcess.FreePort();
        string[] settings =
        [
            $"--ConnectionStrings:Publisher=Data Source={Path.Combine(folder, "publisher.db")}",
            $"--Media:Path={Path.Combine(folder, "media")}",
            $"--Admin:KeysPath={Path.Combine(folder, "keys")}",
            $"--Content:Path={Path.Combine(Paths.RepositoryRoot, "content")}",
            "--Serilog:MinimumLevel:Default=Warning",
        ];
        const string email = "mesure@banc.test";
        const string password = "Vingt-sept kiwis jaunes dansent sous la pluie d’octobre 1987";
        using (var add = Start(["user", "add", email, "--name", "Mesure", "--role", "editor", .. settings]))
        {
            await add.StandardInput.WriteAsync(password);
            add.StandardInput.Close();
            await add.WaitForExitAsync();
            if (add.ExitCode != 0)
            {
                throw new InvalidOperationException($"could not create the account: {await add.StandardError.ReadToEndAsync()}");
            }
        }
        using var server = Start([.. settings, $"--urls=http://127.0.0.1:{port}"]);
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            var ready = Stopwatch.StartNew();
            while (!await PublisherProcess.IsReadyAsync(client, CancellationToken.None))
            {
                if (server.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException("the server did not become ready");
                }
                await Task.Delay(50);
            }
            var signIn = await FormAsync(client, "/admin/connexion");
            signIn["Input.Email"] = email;
            signIn["Input.Password"] = password;
            using (var signedIn = await client.PostAsync(new Uri("/admin/connexion", UriKind.Relative), new FormUrlEncodedContent(signIn)))
            {
                if (signedIn.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"signing in answered {(int)signedIn.StatusCode}");
                }
            }
            var forms = new List<Dictionary<string, string>>();
            for (var i = 0; i < uploads; i++)
            {
                forms.Add(await FormAsync(client, "/admin/articles"));
            }
            var pictures = Enumerable.Range(0, uploads).Select(i => picture((run * 10) + i)).ToList();
            // Idle: signed in, the editor's page served, the collector settled.
            await Task.Delay(1000);
            var idle = Status(server.Id, "VmRSS");
            await File.WriteAllTextAsync($"/proc/{server.Id}/clear_refs", "5");
            var clock = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(forms.Select((form, i) => UploadAsync(client, form, pictures[i])));
            var seconds = clock.Elapsed.TotalSeconds;
            return (idle, Status(server.Id, "VmHWM"), seconds, string.Join(", ", outcomes.Distinct()));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> UploadAsync(HttpClient client, Dictionary<string, string> form, byte[] png)
    {
        form["Input.Title"] = $"Une image déclarée de {Side} pixels de côté {Guid.NewGuid():N}";
        form["Input.Standfirst"] = "Un chapô.";
        form["Input.NewSection"] = "Essais";
        form["Input.Author"] = "Mesure";
        form["Input.Tags"] = "Images";
        form["Input.Body"] = "Un texte.";
        form["Input.Status"] = "draft";
        form["Input.ImageAlt"] = "Une image";
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }
        content.Add(new ByteArrayContent(png), "Input.ImageFile", "bombe.png");
        using var response = await client.PostAsync(new Uri("/admin/articles?handler=Save", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return $"200 « {page.QuerySelector("[data-valmsg-for='Input.ImageFile']")?.TextContent.Trim()} »";
    }

    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
        return page.QuerySelectorAll("form[method=post] input").OfType<IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name) && input.Type is not "file" and not "radio" and not "checkbox")
            .GroupBy(input => input.Name!)
            .ToDictionary(group => group.Key, group => group.First().Value);
    }

    /// <summary>
    /// A PNG declaring width × height RGB pixels, black. Unless <paramref name="whole"/>, its compressed data
    /// holds the first rows only, as much as fits in about 7 KB. A tEXt chunk carries <paramref name="mark"/>
    /// so that each upload is a picture the library does not hold yet.
    /// </summary>
    public static byte[] CraftedPng(int width, int height, int mark, bool whole)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, whole ? CompressionLevel.Fastest : CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            for (var y = 0; y < height && (whole || compressed.Length < 7000); y++)
            {
                zlib.Write(row);
                if (!whole)
                {
                    zlib.Flush();
                }
            }
        }
        return PngFile.Assemble(width, height, compressed.ToArray(), $"mesure {mark}");
    }

    private static Process Start(string[] arguments)
    {
        var process = PublisherProcess.Start(Paths.RepositoryRoot, arguments);
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    private static long Status(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();
}
