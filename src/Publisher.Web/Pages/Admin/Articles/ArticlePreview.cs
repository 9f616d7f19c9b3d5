using Microsoft.AspNetCore.Html;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The editor's preview: the body as readers will see it, and the sub-editor's remarks (none blocks saving).</summary>
public sealed class ArticlePreview(ArticleMarkdown markdown)
{
    /// <exception cref="MarkdownTooComplexException">The body nests deeper than the pipeline renders.</exception>
    public (IHtmlContent Html, IReadOnlyList<string> Remarks) Render(ArticleForm form, bool hasImage)
    {
        ArgumentNullException.ThrowIfNull(form);
        var html = new HtmlString(markdown.Render(form.Body ?? "").Html); // sanitised by the pipeline
        var remarks = SubEditor.Review(new Draft(form.Title ?? "", form.Standfirst ?? "", form.Section ?? "", form.Body ?? "", hasImage, form.ImageAlt, form.ImageCredit), markdown);
        return (html, remarks);
    }
}
