using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The editor's preview: the body as readers will see it, and the sub-editor's remarks (none blocks saving).</summary>
public sealed class ArticlePreview(ArticleMarkdown markdown)
{
    /// <summary>The form's preview; none, and a message beside the body, when it nests deeper than the pipeline renders.</summary>
    public (IHtmlContent? Html, IReadOnlyList<string> Remarks) Render(ArticleForm form, EditableArticleRow? existing, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        try
        {
            var html = new HtmlString(markdown.Render(form.Body ?? "").Html); // sanitised by the pipeline
            var hasImage = existing?.ImageUrl is not null || form.ImageFile is { Length: > 0 } || !string.IsNullOrEmpty(form.ImageUrl);
            return (html, SubEditor.Review(new Draft(form.Title ?? "", form.Standfirst ?? "", form.Section ?? "", form.Body ?? "", hasImage, form.ImageAlt, form.ImageCredit), markdown));
        }
        catch (MarkdownTooComplexException)
        {
            modelState.AddModelError("Input.Body", MarkdownTooComplexException.French);
            return (null, []);
        }
    }
}
