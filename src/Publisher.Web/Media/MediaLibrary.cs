using System.Security.Cryptography;
using Publisher.Core.Text;
using SkiaSharp;

namespace Publisher.Web.Media;

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

    /// <summary>Stores a picture given as bytes in the library at once (an import, whose batch commits right after).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a JPEG, PNG, WebP or GIF picture, or are too large.</exception>
    public Task<StoredImage> AddAsync(byte[] bytes, string name, CancellationToken cancellationToken) =>
        StoreAsync(bytes, name, Root, cancellationToken);

    /// <summary>
    /// Keeps an editor's upload aside, unseen by readers, until the save that uses it commits
    /// (<see cref="Publish"/>): a refused save leaves nothing at a public address. What it is comes
    /// from its content, never from its name, so a text file called « photo.jpg » is refused. A picture
    /// already in the library is not kept twice.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a JPEG, PNG, WebP or GIF picture, or are too large.</exception>
    public async Task<StoredImage> StageAsync(byte[] bytes, string name, CancellationToken cancellationToken)
    {
        DeleteAbandonedUploads();
        var (fileName, width, height) = Describe(bytes, name);
        return File.Exists(Path.Combine(Root, fileName))
            ? new StoredImage(UrlPrefix + fileName, width, height)
            : await StoreAsync(bytes, name, Uploads, cancellationToken);
    }

    /// <summary>Moves a kept upload and the copies made of it into the library, where readers load them; nothing to do for a picture already there.</summary>
    public void Publish(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!File.Exists(Path.Combine(Uploads, FileName(image.Url))))
        {
            return;
        }
        // The copies first, the original last: a picture is in the library once its original is.
        var (resized, webp) = PictureSizes.Of(image);
        var copies = resized.Concat(webp).Concat(PictureSizes.Crops(image)).Select(copy => copy.Url).Where(url => url != image.Url);
        foreach (var name in copies.Append(image.Url).Select(FileName))
        {
            var staged = Path.Combine(Uploads, name);
            if (File.Exists(staged))
            {
                File.Move(staged, Path.Combine(Root, name), overwrite: true);
            }
        }
    }

    private static async Task<StoredImage> StoreAsync(byte[] bytes, string name, string folder, CancellationToken cancellationToken)
    {
        var (fileName, width, height) = Describe(bytes, name);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, fileName);
        if (!File.Exists(target))
        {
            // Written aside then moved, so a reader never gets half a picture.
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        return new StoredImage(UrlPrefix + fileName, width, height);
    }

    // Beside the library, not in it: the static file server serves every file under Root, dot folders included.
    private string Uploads => Path.TrimEndingDirectorySeparator(Root) + ".uploads";

    // An upload whose save never came (a closed tab) is kept a day, long enough to fix a form and save again.
    // Measured against the machine's clock, which stamps the files, not the app's.
    private void DeleteAbandonedUploads()
    {
        if (!Directory.Exists(Uploads))
        {
            return;
        }
        foreach (var file in new DirectoryInfo(Uploads).EnumerateFiles().Where(file => file.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            file.Delete();
        }
    }

    private static string FileName(string url) => url[UrlPrefix.Length..];

    /// <summary>Where a picture's file is: in the library, or still an upload kept aside.</summary>
    private string PathOf(string url)
    {
        var inLibrary = Path.Combine(Root, FileName(url));
        var uploaded = Path.Combine(Uploads, FileName(url));
        return !File.Exists(inLibrary) && File.Exists(uploaded) ? uploaded : inLibrary;
    }

    /// <summary>A picture of the library or a kept upload, by its URL; null when there is none (or the URL is not one of ours).</summary>
    public async Task<StoredImage?> FindAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var name = url.StartsWith(UrlPrefix, StringComparison.Ordinal) ? FileName(url) : "";
        // Only a plain file name of the library: never a path that leaves it.
        if (name.Length == 0 || name != Path.GetFileName(name))
        {
            return null;
        }
        var path = PathOf(url);
        if (!File.Exists(path))
        {
            return null;
        }
        var (_, width, height) = Identify(await File.ReadAllBytesAsync(path, cancellationToken), name);
        return new StoredImage(url, width, height);
    }

    // The library's name for these bytes, named after their content, and the picture's size.
    private static (string FileName, int Width, int Height) Describe(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw new InvalidDataException($"'{name}' is larger than {MaxBytes / (1024 * 1024)} MB");
        }
        var (extension, width, height) = Identify(bytes, name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var stem = Slug.From(name);
        return ($"{(stem.Length == 0 ? "image" : stem)}-{hash}{extension}", width, height);
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

    /// <summary>Makes what pages and search engines ask of a stored hero picture: the 16:9, 4:3 and 1:1 crops and the resized copies, unless they exist already.</summary>
    public async Task EnsureCropsAsync(StoredImage stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (resized, webp) = PictureSizes.Of(stored);
        var original = PathOf(stored.Url);
        var folder = Path.GetDirectoryName(original)!;
        foreach (var size in resized.Where(size => size.Url != stored.Url).Concat(webp))
        {
            var target = Path.Combine(folder, FileName(size.Url));
            if (File.Exists(target))
            {
                continue;
            }
            var format = size.Url.EndsWith(".webp", StringComparison.Ordinal) ? SKEncodedImageFormat.Webp
                : size.Url.EndsWith(".png", StringComparison.Ordinal) ? SKEncodedImageFormat.Png
                : SKEncodedImageFormat.Jpeg;
            var bytes = PictureSizes.Resize(await File.ReadAllBytesAsync(original, cancellationToken), size, format);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        foreach (var variant in PictureSizes.Crops(stored))
        {
            var target = Path.Combine(folder, FileName(variant.Url));
            if (File.Exists(target))
            {
                continue;
            }
            var bytes = PictureSizes.Crop(await File.ReadAllBytesAsync(original, cancellationToken), variant);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
    }

}
