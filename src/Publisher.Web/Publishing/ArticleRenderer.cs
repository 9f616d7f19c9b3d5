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
        var rendered = markdown.Render(input.BodyMarkdown);
        if (input.Image is not null)
        {
            await media.EnsureCropsAsync(input.Image, cancellationToken);
        }
        return rendered;
    }
}
