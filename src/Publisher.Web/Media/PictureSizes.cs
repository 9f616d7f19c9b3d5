using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Publisher.Web.Media;

/// <summary>The copies made of a hero picture, by shape and width, and the addresses pages give them.</summary>
public static class PictureSizes
{
    /// <summary>The three shapes, widest first, that structured data offers for an article's picture.</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> Ratios = [(16, 9), (4, 3), (1, 1)];

    private const int VariantMaxWidth = 1200;

    /// <summary>Widths readers' browsers choose from (<c>srcset</c>), never above the original's.</summary>
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];

    /// <summary>The resized copies of a picture, in its own format and in WebP, smallest first; the original's width comes last.</summary>
    public static (IReadOnlyList<ImageVariant> Original, IReadOnlyList<ImageVariant> WebP) Of(StoredImage image)
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
    /// The <c>srcset</c> of <see cref="Of"/>, in the picture's own format and in WebP, written straight to
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

    /// <summary>The crops of a hero picture, computed from its size alone: centred, at most 1,200 pixels wide, never enlarged.</summary>
    public static IReadOnlyList<ImageVariant> Crops(StoredImage image)
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

    internal static byte[] Resize(byte[] original, ImageVariant size, SKEncodedImageFormat format)
    {
        using var source = SKBitmap.Decode(original) ?? throw new InvalidDataException("the picture cannot be decoded");
        using var resized = source.Resize(new SKImageInfo(size.Width, size.Height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidDataException("the picture cannot be resized");
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(format, 82);
        return encoded.ToArray();
    }

    internal static byte[] Crop(byte[] original, ImageVariant variant)
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
