using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Publisher.Core.Text;
using SkiaSharp;

namespace Publisher.Web.Content;

public sealed record StoredImage(string Url, int Width, int Height);

/// <summary>A crop of a hero picture in one of the shapes search engines and social networks ask for.</summary>
public sealed record ImageVariant(string Url, int Width, int Height);

/// <summary>
/// The pictures readers load, under <c>Media:Path</c> (by default <c>data/media</c>) and served at <c>/media/</c>.
/// Files are named after their content, so a URL never changes meaning and can be cached for good.
/// </summary>
public sealed class MediaLibrary
{
    public const string UrlPrefix = "/media/";

    public MediaLibrary(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Media:Path"];
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, string.IsNullOrWhiteSpace(configured) ? "data/media" : configured));
    }

    public string Root { get; }

    /// <summary>Largest picture accepted, in bytes.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Largest picture accepted, in pixels (a 50-megapixel photo still passes).</summary>
    public const long MaxPixels = 60_000_000;

    /// <summary>Copies a picture file into the library (once per content) and reads its size.</summary>
    /// <exception cref="InvalidDataException">The file is not a picture the site serves.</exception>
    public async Task<StoredImage> AddAsync(string sourcePath, CancellationToken cancellationToken) =>
        await AddAsync(await File.ReadAllBytesAsync(sourcePath, cancellationToken), Path.GetFileNameWithoutExtension(sourcePath), cancellationToken);

    /// <summary>
    /// Stores a picture given as bytes (an upload): what it is comes from its content, never from its
    /// name, so a text file called « photo.jpg » is refused.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a JPEG, PNG, WebP or GIF picture, or are too large.</exception>
    public async Task<StoredImage> AddAsync(byte[] bytes, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw new InvalidDataException($"'{name}' is larger than {MaxBytes / (1024 * 1024)} MB");
        }
        var (extension, width, height) = Identify(bytes, name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var stem = Slug.From(name);
        var fileName = $"{(stem.Length == 0 ? "image" : stem)}-{hash}{extension}";
        Directory.CreateDirectory(Root);
        var target = Path.Combine(Root, fileName);
        if (!File.Exists(target))
        {
            // Written aside then moved, so a reader never gets half a picture.
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        return new StoredImage(UrlPrefix + fileName, width, height);
    }

    /// <summary>A picture already in the library, by its URL; null when there is none (or the URL is not one of ours).</summary>
    public async Task<StoredImage?> FindAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var name = url.StartsWith(UrlPrefix, StringComparison.Ordinal) ? url[UrlPrefix.Length..] : "";
        // Only a plain file name of the library: never a path that leaves it.
        if (name.Length == 0 || name != Path.GetFileName(name))
        {
            return null;
        }
        var path = Path.Combine(Root, name);
        if (!File.Exists(path))
        {
            return null;
        }
        var (_, width, height) = Identify(await File.ReadAllBytesAsync(path, cancellationToken), name);
        return new StoredImage(url, width, height);
    }

    private static (string Extension, int Width, int Height) Identify(byte[] bytes, string name)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        var extension = codec?.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => ".jpg",
            SKEncodedImageFormat.Png => ".png",
            SKEncodedImageFormat.Webp => ".webp",
            SKEncodedImageFormat.Gif => ".gif",
            _ => null,
        };
        if (codec is null || extension is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            throw new InvalidDataException($"'{name}' is not a JPEG, PNG, WebP or GIF picture");
        }
        // A small file can claim a huge picture (a « pixel bomb »): decoding it would take gigabytes.
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            throw new InvalidDataException($"'{name}' has more than {MaxPixels / 1_000_000} million pixels");
        }
        return (extension, codec.Info.Width, codec.Info.Height);
    }

    /// <summary>The three shapes, widest first, that structured data offers for an article's picture.</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> Ratios = [(16, 9), (4, 3), (1, 1)];

    private const int VariantMaxWidth = 1200;

    /// <summary>Widths readers' browsers choose from (<c>srcset</c>), never above the original's.</summary>
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];

    /// <summary>The resized copies of a picture, in its own format and in WebP, smallest first; the original's width comes last.</summary>
    public static (IReadOnlyList<ImageVariant> Original, IReadOnlyList<ImageVariant> WebP) Sizes(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var extension = image.Url[image.Url.LastIndexOf('.')..];
        var widths = Widths.Where(width => width < image.Width).ToList();
        var original = widths.Select(width => new ImageVariant(ResizedUrl(image, width, extension), width, Scaled(image, width)))
            .Append(new ImageVariant(image.Url, image.Width, image.Height)).ToList();
        var webp = widths.Append(image.Width).Select(width => new ImageVariant(ResizedUrl(image, width, ".webp"), width, Scaled(image, width))).ToList();
        return (original, webp);
    }

    /// <summary>
    /// The <c>srcset</c> of <see cref="Sizes"/>, in the picture's own format and in WebP, written straight to
    /// text: every list of articles shows ten pictures, and building the lists first cost a few per cent of
    /// rendering one.
    /// </summary>
    public static (string Original, string WebP) SourceSets(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var extension = image.Url.AsSpan(image.Url.LastIndexOf('.'));
        var original = new StringBuilder(256);
        var webp = new StringBuilder(256);
        foreach (var width in Widths)
        {
            if (width < image.Width)
            {
                original.Append(CultureInfo.InvariantCulture, $"{ResizedUrl(image, width, extension)} {width}w, ");
                webp.Append(CultureInfo.InvariantCulture, $"{ResizedUrl(image, width, ".webp")} {width}w, ");
            }
        }
        original.Append(CultureInfo.InvariantCulture, $"{image.Url} {image.Width}w");
        webp.Append(CultureInfo.InvariantCulture, $"{ResizedUrl(image, image.Width, ".webp")} {image.Width}w");
        return (original.ToString(), webp.ToString());
    }

    private static string ResizedUrl(StoredImage image, int width, ReadOnlySpan<char> extension) =>
        string.Concat(image.Url.AsSpan(0, image.Url.LastIndexOf('.')), "-w", width.ToString(CultureInfo.InvariantCulture), extension);

    private static int Scaled(StoredImage image, int width) => (int)Math.Round(image.Height * (double)width / image.Width);

    /// <summary>Makes what pages and search engines ask of a stored hero picture: the 16:9, 4:3 and 1:1 crops and the resized copies, unless they exist already.</summary>
    public async Task EnsureCropsAsync(StoredImage stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (resized, webp) = Sizes(stored);
        foreach (var size in resized.Where(size => size.Url != stored.Url).Concat(webp))
        {
            var target = Path.Combine(Root, size.Url[UrlPrefix.Length..]);
            if (File.Exists(target))
            {
                continue;
            }
            var format = size.Url.EndsWith(".webp", StringComparison.Ordinal) ? SKEncodedImageFormat.Webp
                : size.Url.EndsWith(".png", StringComparison.Ordinal) ? SKEncodedImageFormat.Png
                : SKEncodedImageFormat.Jpeg;
            var bytes = Resize(await File.ReadAllBytesAsync(Path.Combine(Root, stored.Url[UrlPrefix.Length..]), cancellationToken), size, format);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        foreach (var variant in Variants(stored))
        {
            var target = Path.Combine(Root, variant.Url[UrlPrefix.Length..]);
            if (File.Exists(target))
            {
                continue;
            }
            var bytes = Crop(await File.ReadAllBytesAsync(Path.Combine(Root, stored.Url[UrlPrefix.Length..]), cancellationToken), variant);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
    }

    /// <summary>The crops of a hero picture, computed from its size alone: centred, at most 1,200 pixels wide, never enlarged.</summary>
    public static IReadOnlyList<ImageVariant> Variants(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var stem = image.Url[..image.Url.LastIndexOf('.')];
        return Ratios.Select(ratio =>
        {
            var (width, height) = CropSize(image.Width, image.Height, ratio);
            if (width > VariantMaxWidth)
            {
                height = (int)Math.Round(height * (double)VariantMaxWidth / width);
                width = VariantMaxWidth;
            }
            return new ImageVariant($"{stem}-{ratio.Width}x{ratio.Height}.jpg", width, height);
        }).ToList();
    }

    private static (int Width, int Height) CropSize(int width, int height, (int Width, int Height) ratio) =>
        width * ratio.Height > height * ratio.Width
            ? ((int)Math.Round(height * (double)ratio.Width / ratio.Height), height)
            : (width, (int)Math.Round(width * (double)ratio.Height / ratio.Width));

    private static byte[] Resize(byte[] original, ImageVariant size, SKEncodedImageFormat format)
    {
        using var source = SKBitmap.Decode(original) ?? throw new InvalidDataException("the picture cannot be decoded");
        using var resized = source.Resize(new SKImageInfo(size.Width, size.Height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidDataException("the picture cannot be resized");
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(format, 82);
        return encoded.ToArray();
    }

    private static byte[] Crop(byte[] original, ImageVariant variant)
    {
        using var source = SKBitmap.Decode(original) ?? throw new InvalidDataException("the picture cannot be decoded");
        var ratio = (variant.Width, variant.Height);
        var (cropWidth, cropHeight) = CropSize(source.Width, source.Height, ratio);
        var left = (source.Width - cropWidth) / 2;
        var top = (source.Height - cropHeight) / 2;
        using var surface = SKSurface.Create(new SKImageInfo(variant.Width, variant.Height));
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { IsAntialias = true };
        surface.Canvas.DrawImage(image, SKRect.Create(left, top, cropWidth, cropHeight), SKRect.Create(variant.Width, variant.Height), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        return encoded.ToArray();
    }

}
