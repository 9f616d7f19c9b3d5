using Publisher.Core.Markdown;
using Publisher.Web.Media;

namespace Publisher.Web.Publishing;

/// <summary>
/// The CPU-bound part of a save: renders the body (pages never render Markdown) and makes the hero picture's
/// crops, before the write transaction, so that the write lock is held briefly and renders run in parallel.
/// </summary>
public sealed class ArticleRenderer(ArticleMarkdown markdown, MediaLibrary media)
{
    public async Task<RenderedMarkdown> RenderAsync(ArticleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rendered = await RenderBodyAsync(input.BodyMarkdown, cancellationToken);
        if (input.Image is not null)
        {
            await media.EnsureCropsAsync(input.Image, cancellationToken);
        }
        return rendered;
    }

    /// <summary>The body alone; its images the library holds (kept uploads included) get the copies the main image gets.</summary>
    /// <exception cref="MarkdownTooComplexException">The text nests too deeply or is too long to be rendered.</exception>
    public async Task<RenderedMarkdown> RenderBodyAsync(string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var known = new Dictionary<string, ImageSources>(StringComparer.Ordinal);
        foreach (var url in ImageUrls(body).Where(url => url.StartsWith(MediaLibrary.UrlPrefix, StringComparison.Ordinal)))
        {
            if (await media.FindAsync(url, cancellationToken) is { } stored)
            {
                await media.EnsureCropsAsync(stored, cancellationToken);
                var (original, webp) = PictureSizes.SourceSets(stored);
                known[url] = new ImageSources(stored.Width, stored.Height, original, webp);
            }
        }
        return markdown.Render(body, url => known.GetValueOrDefault(url));
    }

    // A text the pipeline refuses shows no image: Render says why.
    private IReadOnlyList<string> ImageUrls(string body)
    {
        try
        {
            return body.Length > ArticleMarkdown.MaxLength ? [] : markdown.ImageUrls(body);
        }
        catch (ArgumentException)
        {
            return [];
        }
    }
}
