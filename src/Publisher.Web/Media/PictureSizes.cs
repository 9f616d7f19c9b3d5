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

    /// <summary>Every copy of <see cref="Of"/> and <see cref="Crops"/> but the original itself, by URL.</summary>
    public static IReadOnlyList<ImageVariant> Copies(StoredImage image)
    {
        var (resized, webp) = Of(image);
        return [.. resized.Where(size => size.Url != image.Url).Concat(webp).Concat(Crops(image))];
    }

    /// <summary>
    /// Makes the copies asked for from the original's bytes, decoded once: the full-size pixels stay in memory
    /// while the copies are made, and no more than that. Nothing is written; the caller writes the copies once
    /// they are all made, so that a picture that cannot be decoded leaves no file behind.
    /// </summary>
    /// <exception cref="PictureRefusedException">The picture cannot be decoded whole.</exception>
    internal static IReadOnlyList<(string Url, byte[] Bytes)> Make(byte[] original, StoredImage image, IReadOnlyCollection<ImageVariant> wanted)
    {
        if (wanted.Count == 0)
        {
            return [];
        }
        using var source = Decode(original);
        var crops = Crops(image).Select(crop => crop.Url).ToHashSet(StringComparer.Ordinal);
        return [.. wanted.Select(copy => (copy.Url, crops.Contains(copy.Url) ? Crop(source, copy) : Resize(source, copy, FormatOf(copy.Url))))];
    }

    private static SKEncodedImageFormat FormatOf(string url) =>
        url.EndsWith(".webp", StringComparison.Ordinal) ? SKEncodedImageFormat.Webp
        : url.EndsWith(".png", StringComparison.Ordinal) ? SKEncodedImageFormat.Png
        : SKEncodedImageFormat.Jpeg;

    /// <summary>
    /// A JPEG with more than <paramref name="maxPixels"/>, decoded at the largest scale its codec offers that fits
    /// them (libjpeg decodes at n/8 of the size without ever holding the whole picture) and encoded again, so that a
    /// large camera's photo is taken at a size the copies can be made from; null for any other format.
    /// </summary>
    public static byte[]? ShrinkOnLoad(byte[] original, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(original);
        using var codec = SKCodec.Create(new SKMemoryStream(original))
            ?? throw new PictureRefusedException(PictureProblem.Damaged, "the picture cannot be decoded");
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return null;
        }
        for (var eighths = 7; eighths >= 1; eighths--)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if ((long)size.Width * size.Height > maxPixels || size.Width >= codec.Info.Width)
            {
                continue;
            }
            var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul);
            using var bitmap = new SKBitmap(info);
            if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
            {
                throw new PictureRefusedException(PictureProblem.Damaged, "the picture cannot be decoded whole", codec.Info.Width, codec.Info.Height);
            }
            using var image = SKImage.FromBitmap(bitmap);
            using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, ShrunkQuality);
            return encoded.ToArray();
        }
        return null;
    }

    private const int ShrunkQuality = 90;

    // As SKBitmap.Decode, but a picture missing some of its pixels is refused rather than completed with blank
    // ones (a truncated file, or a small one that declares a huge picture), and never more than 4 bytes a pixel.
    private static SKBitmap Decode(byte[] original)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(original))
            ?? throw new PictureRefusedException(PictureProblem.Damaged, "the picture cannot be decoded");
        var info = codec.Info;
        info.AlphaType = info.AlphaType == SKAlphaType.Unpremul ? SKAlphaType.Premul : info.AlphaType;
        info.ColorSpace = null;
        if (info.BytesPerPixel > 4)
        {
            info.ColorType = SKImageInfo.PlatformColorType;
        }
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new PictureRefusedException(PictureProblem.Damaged, "the picture cannot be decoded whole", codec.Info.Width, codec.Info.Height);
        }
        // Immutable, the pixels are shared with the images drawn and encoded from them rather than copied each time.
        bitmap.SetImmutable();
        return bitmap;
    }

    private static byte[] Resize(SKBitmap source, ImageVariant size, SKEncodedImageFormat format)
    {
        // The WebP at the original's size is the decoded pixels themselves: no second full-size copy.
        if (size.Width == source.Width && size.Height == source.Height && source.ColorType == SKImageInfo.PlatformColorType)
        {
            return Encode(source, format, 82);
        }
        using var resized = source.Resize(new SKImageInfo(size.Width, size.Height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new PictureRefusedException(PictureProblem.Damaged, "the picture cannot be resized");
        return Encode(resized, format, 82);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        bitmap.SetImmutable();
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(format, quality);
        return encoded.ToArray();
    }

    private static byte[] Crop(SKBitmap source, ImageVariant variant)
    {
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
