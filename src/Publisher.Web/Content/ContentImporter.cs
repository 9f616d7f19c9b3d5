using System.Security.Cryptography;
using System.Text;
using Publisher.Core.Content;
using Publisher.Core.Markdown;

namespace Publisher.Web.Content;

public sealed record ImportFailure(string File, string Reason);

public sealed class ImportSummary
{
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<ImportFailure> Failures { get; } = [];
    public int Failed => Failures.Count;
}

/// <summary>
/// Imports a folder of Markdown articles with front matter, upserting by slug: a second run of the same
/// folder changes nothing. A file that cannot be imported is reported with its reason and the others go on.
/// </summary>
public sealed partial class ContentImporter(ArticleStore store, MediaLibrary media, ArticleMarkdown markdown, ILogger<ContentImporter> logger)
{
    // 2: hero pictures get their 16:9, 4:3 and 1:1 crops; 3: and resized copies for srcset.
    private const int ImportVersion = 3;

    public async Task<ImportSummary> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The content folder '{folder}' does not exist");
        }
        folder = Path.GetFullPath(folder);
        var summary = new ImportSummary();
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            try
            {
                var outcome = await ImportFileAsync(folder, file, slugs, cancellationToken);
                slugs[outcome.Slug] = name;
                switch (outcome.Result)
                {
                    case SaveOutcome.Created:
                        summary.Imported++;
                        break;
                    case SaveOutcome.Updated:
                        summary.Updated++;
                        break;
                    default:
                        summary.Unchanged++;
                        break;
                }
            }
            catch (Exception e) when (e is ArticleSourceException or MarkdownTooComplexException or InvalidDataException or IOException or UnauthorizedAccessException or DuplicateSlugException)
            {
                summary.Failures.Add(new ImportFailure(name, e.Message));
                LogFailed(logger, name, e.Message);
            }
        }
        await ImportAuthorsAsync(folder, summary, cancellationToken);
        return summary;
    }

    // Biographies are optional: an authors.yml beside the articles describes whom it names.
    private async Task ImportAuthorsAsync(string folder, ImportSummary summary, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, AuthorSource.FileName);
        if (!File.Exists(file))
        {
            return;
        }
        try
        {
            foreach (var author in AuthorSource.ParseList(await File.ReadAllTextAsync(file, cancellationToken)))
            {
                await store.UpsertAuthorAsync(author.Name, author.Bio, cancellationToken);
            }
        }
        catch (ArticleSourceException e)
        {
            summary.Failures.Add(new ImportFailure(AuthorSource.FileName, e.Message));
            LogFailed(logger, AuthorSource.FileName, e.Message);
        }
    }

    private async Task<(string Slug, SaveOutcome Result)> ImportFileAsync(string root, string file, Dictionary<string, string> slugs, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken);
        var source = ArticleSource.Parse(text);
        if (slugs.TryGetValue(source.Slug, out var other))
        {
            throw new DuplicateSlugException($"the slug '{source.Slug}' is already used by {other}");
        }
        var folder = Path.GetDirectoryName(file)!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // What the import makes of a file is part of what was imported: a new rendering rule, or new
        // derived pictures, make every file "changed" so that the next import redoes them.
        hash.AppendData(Encoding.UTF8.GetBytes($"{ArticleMarkdown.Version}/{ImportVersion}\n{text}"));

        StoredImage? hero = null;
        if (source.Image is not null)
        {
            hero = await AddImageAsync(root, folder, source.Image.File, hash, cancellationToken);
        }
        var inline = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in markdown.ImageUrls(source.Body).Where(IsLocal))
        {
            inline[url] = (await AddImageAsync(root, folder, url, hash, cancellationToken)).Url;
        }
        var body = inline.Count == 0 ? source.Body : markdown.RewriteImageUrls(source.Body, url => inline.GetValueOrDefault(url, url));

        var input = new ArticleInput(
            source.Slug, source.Title, source.Standfirst, body, source.Section, source.Author, source.Tags,
            source.Status, source.Published, source.Updated, hero, source.Image?.Alt, source.Image?.Caption, source.Image?.Credit);
        var result = await store.UpsertAsync(input, Convert.ToHexStringLower(hash.GetHashAndReset()), cancellationToken);
        return (source.Slug, result);
    }

    private async Task<StoredImage> AddImageAsync(string root, string folder, string relativePath, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(folder, relativePath));
        // Only pictures of the imported folder become public: never ../../ or an absolute path elsewhere.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the image '{relativePath}' is outside the imported folder");
        }
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"the image '{relativePath}' does not exist");
        }
        hash.AppendData(await File.ReadAllBytesAsync(path, cancellationToken));
        return await media.AddAsync(path, cancellationToken);
    }

    private static bool IsLocal(string url) =>
        !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('/') && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not import {File}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, string reason);

    private sealed class DuplicateSlugException(string message) : Exception(message);
}
