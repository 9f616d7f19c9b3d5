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
public sealed class MediaLibrary : IDisposable
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

    /// <summary>
    /// Largest picture accepted, in pixels. Its copies are made from the pixels decoded once, four bytes each, and
    /// Skia's WebP encoder needs as much again for the copy at full size: about 9 bytes a pixel in all, so a
    /// picture at this limit costs under 300 MB (docs/performance.md). A 24-megapixel camera's photo passes.
    /// </summary>
    public const long MaxPixels = 30_000_000;

    /// <summary>
    /// Largest JPEG accepted, in pixels: one over <see cref="MaxPixels"/> is decoded at a reduced scale, within
    /// that limit, and stored at that size (<see cref="PictureSizes.ShrinkOnLoad"/>), so a 45-megapixel camera's
    /// photo is taken; other formats cannot be decoded smaller and stop at <see cref="MaxPixels"/>.
    /// </summary>
    public const long MaxJpegPixels = 60_000_000;

    // Pictures decoded at once hold at most MaxPixels between them, one per core at most: a few large uploads
    // at once cost what one at the limit does, and wait their turn.
    private readonly PixelBudget _work = new(MaxPixels);

    public void Dispose() => _work.Dispose();

    /// <summary>How long an editor's upload waits for the pictures before it; then it is refused, to be sent again.</summary>
    public static readonly TimeSpan EditorWait = TimeSpan.FromSeconds(30);

    /// <summary>Copies a picture file into the library (once per content), with every copy pages offer of it, and reads its size.</summary>
    /// <exception cref="InvalidDataException">The file is not a picture the site serves.</exception>
    public async Task<StoredImage> AddAsync(string sourcePath, CancellationToken cancellationToken) =>
        await AddAsync(await File.ReadAllBytesAsync(sourcePath, cancellationToken), Path.GetFileNameWithoutExtension(sourcePath), cancellationToken);

    /// <summary>Stores a picture given as bytes in the library at once (an import, whose batch commits right after).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole JPEG, PNG, WebP or GIF picture, or are too large.</exception>
    public async Task<StoredImage> AddAsync(byte[] bytes, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreAsync(bytes, name, Root, Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (PictureRefusedException refused)
        {
            throw new InvalidDataException(refused.Message, refused);
        }
    }

    /// <summary>
    /// Keeps an editor's upload aside, unseen by readers, until the save that uses it commits
    /// (<see cref="Publish"/>): a refused save leaves nothing at a public address. What it is comes
    /// from its content, never from its name, so a text file called « photo.jpg » is refused; and it is
    /// decoded, with every copy made, before anything is written, so a file refused leaves nothing anywhere.
    /// A picture already in the library is not kept twice.
    /// </summary>
    /// <exception cref="PictureRefusedException">The bytes are not a whole JPEG, PNG, WebP or GIF picture, are too large, or the server is too busy.</exception>
    public async Task<StoredImage> StageAsync(byte[] bytes, string name, CancellationToken cancellationToken)
    {
        DeleteAbandonedUploads();
        var (fileName, width, height) = Describe(bytes, name);
        return File.Exists(Path.Combine(Root, fileName))
            ? new StoredImage(UrlPrefix + fileName, width, height)
            : await StoreAsync(bytes, name, Uploads, EditorWait, cancellationToken);
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
        foreach (var name in PictureSizes.Copies(image).Select(copy => copy.Url).Append(image.Url).Select(FileName))
        {
            var staged = Path.Combine(Uploads, name);
            if (File.Exists(staged))
            {
                File.Move(staged, Path.Combine(Root, name), overwrite: true);
            }
        }
    }

    private async Task<StoredImage> StoreAsync(byte[] bytes, string name, string folder, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (fileName, width, height) = Describe(bytes, name);
        if ((long)width * height is > MaxPixels and <= MaxJpegPixels && await ShrinkAsync(bytes, width, height, wait, cancellationToken) is { } smaller)
        {
            bytes = smaller;
            (fileName, width, height) = Describe(bytes, name);
        }
        var image = new StoredImage(UrlPrefix + fileName, width, height);
        var target = Path.Combine(folder, fileName);
        if (File.Exists(target))
        {
            return image;
        }
        CheckPixels(image);
        // Every copy is made before anything is written: a picture that cannot be decoded leaves no file behind.
        // Once made, they are written whole (not cancellable), the original last: a picture is stored once its original is.
        var copies = await MakeCopiesAsync(bytes, image, PictureSizes.Copies(image), wait, cancellationToken);
        Directory.CreateDirectory(folder);
        foreach (var (url, copy) in copies)
        {
            await WriteAsync(Path.Combine(folder, FileName(url)), copy, CancellationToken.None);
        }
        await WriteAsync(target, bytes, CancellationToken.None);
        return image;
    }

    private async Task<IReadOnlyList<(string Url, byte[] Bytes)>> MakeCopiesAsync(byte[] original, StoredImage image, IReadOnlyList<ImageVariant> wanted, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return [];
        }
        using var admission = await _work.EnterAsync((long)image.Width * image.Height, wait, cancellationToken)
            ?? throw new PictureRefusedException(PictureProblem.Busy, "the server was busy with other pictures", image.Width, image.Height);
        return PictureSizes.Make(original, image, wanted);
    }

    private async Task<byte[]?> ShrinkAsync(byte[] original, int width, int height, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var admission = await _work.EnterAsync(MaxPixels, wait, cancellationToken)
            ?? throw new PictureRefusedException(PictureProblem.Busy, "the server was busy with other pictures", width, height);
        return PictureSizes.ShrinkOnLoad(original, MaxPixels);
    }

    // Written aside then moved, so a reader never gets half a picture.
    private static async Task WriteAsync(string target, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, target, overwrite: true);
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
        try
        {
            var (_, width, height) = Identify(await File.ReadAllBytesAsync(path, cancellationToken), name);
            return new StoredImage(url, width, height);
        }
        catch (PictureRefusedException)
        {
            return null;
        }
    }

    // The library's name for these bytes, named after their content, and the picture's size.
    private static (string FileName, int Width, int Height) Describe(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw new PictureRefusedException(PictureProblem.TooHeavy, $"'{name}' is larger than {MaxBytes / (1024 * 1024)} MB");
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
            throw new PictureRefusedException(PictureProblem.NotAPicture, $"'{name}' is not a JPEG, PNG, WebP or GIF picture");
        }
        return (extension, codec.Info.Width, codec.Info.Height);
    }

    // A small file can claim a huge picture (a « pixel bomb »): decoding it would take gigabytes. Checked before
    // a new picture is decoded; one the library already holds (stored under an earlier limit) is still found.
    private static void CheckPixels(StoredImage image)
    {
        if ((long)image.Width * image.Height > MaxPixels)
        {
            throw new PictureRefusedException(PictureProblem.TooManyPixels, $"'{image.Url}' has more than {MaxPixels / 1_000_000} million pixels", image.Width, image.Height);
        }
    }

    /// <summary>Makes what pages and search engines ask of a stored hero picture: the 16:9, 4:3 and 1:1 crops and the resized copies, unless they exist already.</summary>
    /// <exception cref="InvalidDataException">The picture cannot be decoded whole.</exception>
    public async Task EnsureCropsAsync(StoredImage stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var original = PathOf(stored.Url);
        var folder = Path.GetDirectoryName(original)!;
        var missing = PictureSizes.Copies(stored).Where(copy => !File.Exists(Path.Combine(folder, FileName(copy.Url)))).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        IReadOnlyList<(string Url, byte[] Bytes)> copies;
        try
        {
            copies = await MakeCopiesAsync(await File.ReadAllBytesAsync(original, cancellationToken), stored, missing, Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (PictureRefusedException refused)
        {
            throw new InvalidDataException(refused.Message, refused);
        }
        foreach (var (url, copy) in copies)
        {
            await WriteAsync(Path.Combine(folder, FileName(url)), copy, cancellationToken);
        }
    }
}
