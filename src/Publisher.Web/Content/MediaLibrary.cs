using System.Security.Cryptography;
using Publisher.Core.Text;
using SkiaSharp;

namespace Publisher.Web.Content;

public sealed record StoredImage(string Url, int Width, int Height);

/// <summary>
/// The pictures readers load, under <c>Media:Path</c> (by default <c>data/media</c>) and served at <c>/media/</c>.
/// Files are named after their content, so a URL never changes meaning and can be cached for good.
/// </summary>
public sealed class MediaLibrary
{
    public const string UrlPrefix = "/media/";

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".gif" };

    public MediaLibrary(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Media:Path"];
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, string.IsNullOrWhiteSpace(configured) ? "data/media" : configured));
    }

    public string Root { get; }

    /// <summary>Copies a picture into the library (once per content) and reads its size.</summary>
    /// <exception cref="InvalidDataException">The file is not a picture the site serves.</exception>
    public async Task<StoredImage> AddAsync(string sourcePath, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(sourcePath);
        if (!Extensions.Contains(extension))
        {
            throw new InvalidDataException($"'{Path.GetFileName(sourcePath)}' is not a JPEG, PNG, WebP or GIF picture");
        }
        var bytes = await File.ReadAllBytesAsync(sourcePath, cancellationToken);
        var (width, height) = ReadSize(bytes, sourcePath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var name = $"{Slug.From(Path.GetFileNameWithoutExtension(sourcePath))}-{hash}{extension.ToLowerInvariant()}";
        Directory.CreateDirectory(Root);
        var target = Path.Combine(Root, name);
        if (!File.Exists(target))
        {
            // Written aside then moved, so a reader never gets half a picture.
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        return new StoredImage(UrlPrefix + name, width, height);
    }

    private static (int Width, int Height) ReadSize(byte[] bytes, string sourcePath)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null)
        {
            throw new InvalidDataException($"'{Path.GetFileName(sourcePath)}' cannot be read as a picture");
        }
        return (codec.Info.Width, codec.Info.Height);
    }
}
