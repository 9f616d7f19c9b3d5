using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Tests.Pictures;
using Publisher.Web.Media;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>
/// What the editor's form does with a picture that is not what it claims: nothing of a refused upload is
/// stored anywhere, and a picture too large to decode safely is refused in French beside the field.
/// </summary>
public sealed class ImageUploadTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static IHtmlFormElement Editor(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("form.editor")!;

    public static TheoryData<string, string> Unreadable => new()
    {
        // Passes the type sniff (a GIF's signature and screen size), then HTML and script instead of pixels.
        { "polyglotte.gif", "gif-polyglot" },
        // A real picture cut short: its header is whole, most of its pixels are missing.
        { "coupee.png", "truncated-png" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_file_that_looks_like_a_picture_but_does_not_decode_is_refused_and_nothing_of_it_is_kept(string fileName, string kind)
    {
        var bytes = kind == "gif-polyglot" ? GifPolyglot() : TruncatedPng();
        var media = app.Services.GetRequiredService<MediaLibrary>();
        var uploads = Path.TrimEndingDirectorySeparator(media.Root) + ".uploads";
        var before = Files(media.Root).Concat(Files(uploads)).ToList();
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), Article($"Une image piégée {kind}"), "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = (fileName, bytes) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cette image est endommagée ou illisible : choisissez-en une autre.", page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.Text());
        Assert.Null(page.QuerySelector("input[name='Input.ImageUrl']"));
        Assert.Equal(before, Files(media.Root).Concat(Files(uploads)).ToList());
        var wouldBe = $"/media/{Path.GetFileNameWithoutExtension(fileName)}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..10]}{Path.GetExtension(fileName)}";
        using var reader = app.CreateReader();
        using var served = await reader.GetAsync(new Uri(wouldBe, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync($"/articles/une-image-piegee-{kind}")).Response.StatusCode);
    }

    [Fact]
    public async Task A_small_file_declaring_a_huge_picture_is_refused_in_french_never_with_an_error()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");
        // About 7 KB declaring 7,740 × 7,740 pixels, as in the penetration test.
        var bomb = CraftedPng(7740, 7740, rows: 300);
        Assert.InRange(bomb.Length, 1000, 10_000);

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Une bombe de pixels discrète"), "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("bombe.png", bomb) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.ImageFile']")?.Text()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("/articles/une-bombe-de-pixels-discrete")).Response.StatusCode);
    }

    [Fact]
    public async Task A_whole_picture_over_the_pixel_limit_is_refused_beside_the_field_with_its_size()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");
        var (width, height) = (7000, 6000);
        Assert.True((long)width * height > MediaLibrary.MaxPixels);

        var (response, page) = await session.SubmitAsync("/admin/articles", Editor(blank), Article("Une photo trop grande"), "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("grande.png", CraftedPng(width, height, rows: height)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.Text();
        Assert.Contains("millions de pixels", message, StringComparison.Ordinal);
        Assert.Contains("7\u202F000 × 6\u202F000 pixels", page.QuerySelector("[data-valmsg-for='Input.ImageFile']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_picture_is_taken_with_every_copy_its_page_offers()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("Une grande photo entière");
        values["Input.Status"] = "published";
        values["Input.PublishAt"] = "2026-11-24T11:30";

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("grande.png", CraftedPng(2000, 1500, rows: 1500, noise: true)) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/une-grande-photo-entiere");
        var picture = article.QuerySelector("figure.hero picture")!;
        var webp = picture.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset")!.Split(", ");
        var original = picture.QuerySelector("img")!.GetAttribute("srcset")!.Split(", ");
        Assert.Equal(["480w", "960w", "1600w", "2000w"], webp.Select(candidate => candidate.Split(' ')[1]));
        Assert.Equal(["480w", "960w", "1600w", "2000w"], original.Select(candidate => candidate.Split(' ')[1]));
        var src = picture.QuerySelector("img")!.GetAttribute("src")!;
        using var reader = app.CreateReader();
        var expected = webp.Concat(original).Select(candidate => (Url: candidate.Split(' ')[0], Width: int.Parse(candidate.Split(' ')[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(PictureSizes.Crops(new StoredImage(src, 2000, 1500)).Select(crop => (crop.Url, crop.Width)));
        foreach (var (url, width) in expected)
        {
            using var copy = await reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(copy.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)copy.StatusCode}");
            using var codec = SkiaSharp.SKCodec.Create(new SkiaSharp.SKMemoryStream(await copy.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
            Assert.Equal(width, codec.Info.Width);
        }
    }

    [Fact]
    public async Task A_large_cameras_jpeg_over_the_pixel_limit_is_taken_at_a_size_within_it()
    {
        using var session = AdminSession.Open(app);
        await session.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Editor));
        var (_, blank) = await session.GetAsync("/admin/articles");
        var values = Article("Une photo de 40 mégapixels");
        values["Input.Status"] = "published";
        values["Input.PublishAt"] = "2026-11-24T11:00";
        var (width, height) = (8000, 5000);
        Assert.True((long)width * height is > MediaLibrary.MaxPixels and <= MediaLibrary.MaxJpegPixels);

        var (saved, _) = await session.SubmitAsync("/admin/articles", Editor(blank), values, "Enregistrer",
            new Dictionary<string, (string, byte[])> { ["Input.ImageFile"] = ("appareil.jpg", Jpeg(width, height)) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await app.GetPageAsync("/articles/une-photo-de-40-megapixels");
        var img = article.QuerySelector("figure.hero picture img")!;
        var stored = (Width: int.Parse(img.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture), Height: int.Parse(img.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((long)stored.Width * stored.Height <= MediaLibrary.MaxPixels, $"stored at {stored.Width} × {stored.Height}");
        Assert.Equal(width * stored.Height, height * stored.Width);
        using var reader = app.CreateReader();
        using var original = await reader.GetAsync(new Uri(img.GetAttribute("src")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
    }

    // A camera's photo, as far as sizes go: one colour compresses to a few kilobytes however large the picture.
    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(new SkiaSharp.SKColor(40, 90, 160));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static Dictionary<string, string> Article(string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Standfirst"] = "Un chapô.",
        ["Input.Section"] = "Spatial",
        ["Input.Author"] = "Julien Marchetti",
        ["Input.Tags"] = "ESA",
        ["Input.Body"] = "Un texte.",
        ["Input.Status"] = "draft",
        ["Input.ImageAlt"] = "Une image",
    };

    private static List<string> Files(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    // « GIF89a », a 64 × 64 logical screen, then a page with a script where the picture's blocks should be.
    private static byte[] GifPolyglot() =>
    [
        .. "GIF89a"u8, 64, 0, 64, 0, 0, 0, 0,
        .. "<html><body><script>alert(document.domain)</script><p>pas une image</p></body></html>"u8,
    ];

    // A whole 400 × 300 PNG of which only the first third is sent.
    private static byte[] TruncatedPng()
    {
        var whole = CraftedPng(400, 300, rows: 300, noise: true);
        return whole[..(whole.Length / 3)];
    }

    // A PNG of width × height RGB pixels whose compressed data holds the first `rows` rows (black, or noise).
    private static byte[] CraftedPng(int width, int height, int rows, bool noise = false)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, noise ? CompressionLevel.Fastest : CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            var random = new Random(width);
            for (var y = 0; y < rows; y++)
            {
                if (noise)
                {
                    random.NextBytes(row);
                    row[0] = 0;
                }
                zlib.Write(row);
            }
        }
        return PngFile.Assemble(width, height, compressed.ToArray());
    }
}
