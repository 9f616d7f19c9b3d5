using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Web.Media;
using Publisher.Web.Publishing;

namespace Publisher.Web.Importing;

public sealed record ImportFailure(string File, string Reason);

/// <summary>How far an import has gone: files read out of all, and since when.</summary>
public readonly record struct ImportProgress(int Done, int Total, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

    public TimeSpan Remaining => PerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / PerSecond) : TimeSpan.Zero;
}

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
public sealed partial class ContentImporter(ImportQueries queries, ImportArticles store, ArticleRenderer renderer, MediaLibrary media, ArticleMarkdown markdown, ILogger<ContentImporter> logger)
{
    // 2: hero pictures get their 16:9, 4:3 and 1:1 crops; 3: and resized copies for srcset; 4: pictures count by their digest.
    private const int ImportVersion = 4;

    /// <summary>Articles written per transaction: a crash loses at most one batch, and each batch commits once.</summary>
    public const int BatchSize = 250;

    public async Task<ImportSummary> ImportAsync(string folder, CancellationToken cancellationToken, Action<ImportProgress>? progress = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The content folder '{folder}' does not exist");
        }
        folder = Path.GetFullPath(folder);
        var summary = new ImportSummary();
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var known = await queries.SourceHashesAsync(cancellationToken);
        var pictures = new ConcurrentDictionary<string, Lazy<Task<Picture>>>(StringComparer.Ordinal);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var batch in files.Chunk(BatchSize))
        {
            // Reading, hashing and rendering take the CPU and run on every core; writing is one transaction.
            var read = new FileOutcome[batch.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), cancellationToken, async (i, token) =>
                read[i] = await ReadFileAsync(folder, batch[i], known, pictures, token));
            var toWrite = new List<PreparedArticle>();
            foreach (var outcome in read)
            {
                if (outcome.Failure is null && slugs.TryGetValue(outcome.Slug!, out var other))
                {
                    outcome.Failure = $"the slug '{outcome.Slug}' is already used by {other}";
                }
                if (outcome.Failure is { } reason)
                {
                    summary.Failures.Add(new ImportFailure(outcome.Name, reason));
                    LogFailed(logger, outcome.Name, reason);
                    continue;
                }
                slugs[outcome.Slug!] = outcome.Name;
                if (outcome.Article is null)
                {
                    summary.Unchanged++;
                }
                else
                {
                    toWrite.Add(outcome.Article);
                }
            }
            var results = await store.UpsertManyAsync(toWrite, cancellationToken);
            summary.Imported += results.Count(result => result == SaveOutcome.Created);
            summary.Updated += results.Count(result => result == SaveOutcome.Updated);
            summary.Unchanged += results.Count(result => result == SaveOutcome.Unchanged);
            done += batch.Length;
            progress?.Invoke(new ImportProgress(done, files.Count, clock.Elapsed));
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

    private sealed class FileOutcome(string name)
    {
        public string Name { get; } = name;
        public string? Slug { get; init; }
        public PreparedArticle? Article { get; init; }
        public string? Failure { get; set; }
    }

    private sealed record Picture(byte[] Digest, StoredImage Stored);

    // An article ready to write; none when its hash says the stored copy is the same; a failure with its reason.
    private async Task<FileOutcome> ReadFileAsync(string root, string file, IReadOnlyDictionary<string, string> known, ConcurrentDictionary<string, Lazy<Task<Picture>>> pictures, CancellationToken cancellationToken)
    {
        var name = Path.GetRelativePath(root, file);
        try
        {
            var text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken);
            var source = ArticleSource.Parse(text);
            var folder = Path.GetDirectoryName(file)!;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // What the import makes of a file is part of what was imported: a new rendering rule, or new
            // derived pictures, make every file "changed" so that the next import redoes them.
            hash.AppendData(Encoding.UTF8.GetBytes($"{ArticleMarkdown.Version}/{ImportVersion}\n{text}"));

            StoredImage? hero = null;
            if (source.Image is not null)
            {
                hero = await AddImageAsync(root, folder, source.Image.File, hash, pictures, cancellationToken);
            }
            var inline = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var url in markdown.ImageUrls(source.Body).Where(IsLocal))
            {
                inline[url] = (await AddImageAsync(root, folder, url, hash, pictures, cancellationToken)).Url;
            }
            var sourceHash = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (known.TryGetValue(source.Slug, out var storedHash) && storedHash == sourceHash)
            {
                return new FileOutcome(name) { Slug = source.Slug };
            }
            var body = inline.Count == 0 ? source.Body : markdown.RewriteImageUrls(source.Body, url => inline.GetValueOrDefault(url, url));
            var input = new ArticleInput(
                source.Slug, source.Title, source.Standfirst, body, source.Section, source.Author, source.Tags,
                source.Status, source.Published, source.Updated, hero, source.Image?.Alt, source.Image?.Caption, source.Image?.Credit);
            return new FileOutcome(name) { Slug = source.Slug, Article = new PreparedArticle(input, await renderer.RenderAsync(input, cancellationToken), sourceHash) };
        }
        catch (Exception e) when (e is ArticleSourceException or MarkdownTooComplexException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new FileOutcome(name) { Failure = e.Message };
        }
    }

    // A picture used by many articles is read, hashed and stored once per import.
    private async Task<StoredImage> AddImageAsync(string root, string folder, string relativePath, IncrementalHash hash, ConcurrentDictionary<string, Lazy<Task<Picture>>> pictures, CancellationToken cancellationToken)
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
        var picture = await pictures.GetOrAdd(path, _ => new Lazy<Task<Picture>>(async () =>
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            return new Picture(SHA256.HashData(bytes), await media.AddAsync(path, cancellationToken));
        })).Value;
        hash.AppendData(picture.Digest);
        return picture.Stored;
    }

    private static bool IsLocal(string url) =>
        !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('/') && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not import {File}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, string reason);

}
