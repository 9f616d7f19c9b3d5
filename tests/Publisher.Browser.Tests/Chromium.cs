namespace Publisher.Browser.Tests;

/// <summary>
/// The machine's Chromium (Debian's package, installed by tests/setup.sh): Playwright cannot download its own
/// browsers here. CHROMIUM_PATH points elsewhere when needed.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"Chromium was not found at {path}: run tests/setup.sh, or set CHROMIUM_PATH.");
        }
    }

    public static IReadOnlyList<string> Arguments =>
    [
        // Chromium refuses to start its sandbox as root, which is how CI containers run.
        .. Environment.UserName == "root" ? ["--no-sandbox"] : Array.Empty<string>(),
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ];
}
