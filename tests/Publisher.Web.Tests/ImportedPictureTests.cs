using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Media;
using Publisher.Web.Operations;

namespace Publisher.Web.Tests;

/// <summary>An imported picture that does not decode leaves nothing in the library: readers never load it.</summary>
public sealed class ImportedPictureTests : IAsyncDisposable
{
    private readonly EmptyPublisherFactory _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_imported_picture_that_does_not_decode_is_reported_and_not_stored()
    {
        var folder = Path.Combine(_app.DataFolder, "polyglot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        // « GIF89a » and a 64 × 64 screen, then a page with a script where the picture's blocks should be.
        byte[] polyglot = [.. "GIF89a"u8, 64, 0, 64, 0, 0, 0, 0, .. "<html><script>alert(document.domain)</script></html>"u8];
        await File.WriteAllBytesAsync(Path.Combine(folder, "images", "piege.gif"), polyglot, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "piege.md"), "---\ntitle: Piège\nstandfirst: Chapô.\nsection: Spatial\nauthor: X\nstatus: published\npublished: 2026-10-01T10:00:00+02:00\nimage:\n  file: images/piege.gif\n  alt: Rien\n---\nTexte.", TestContext.Current.CancellationToken);
        var media = _app.Services.GetRequiredService<MediaLibrary>();

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await _app.Services.GetRequiredService<ImportCommand>().RunAsync([folder], output, errors, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("piege.md", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(media.Root) ? Directory.EnumerateFiles(media.Root, "*", SearchOption.AllDirectories) : []);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.GetPageAsync("/articles/piege")).Response.StatusCode);
    }
}
