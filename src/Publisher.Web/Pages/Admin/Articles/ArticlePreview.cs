using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The editor's preview: the body as readers will see it, and the sub-editor's remarks, what became of raw HTML included (none blocks saving).</summary>
public sealed class ArticlePreview(ArticleMarkdown markdown)
{
    /// <summary>The form's preview; none, and a message beside the body, when it nests deeper than the pipeline renders.</summary>
    public (IHtmlContent? Html, IReadOnlyList<string> Remarks) Render(ArticleForm form, EditableArticleRow? existing, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        try
        {
            var body = markdown.Render(form.Body ?? "");
            var hasImage = existing?.ImageUrl is not null || form.ImageFile is { Length: > 0 } || !string.IsNullOrEmpty(form.ImageUrl);
            var draft = new Draft(form.Title ?? "", form.Standfirst ?? "", form.Section ?? "", form.Body ?? "", hasImage, form.ImageAlt, form.ImageCredit);
            // Sanitised by the pipeline; the remarks say what it showed as text or removed from the author's HTML.
            return (new HtmlString(body.Html), SubEditor.Review(draft, markdown, body));
        }
        catch (MarkdownTooComplexException)
        {
            modelState.AddModelError("Input.Body", MarkdownTooComplexException.French);
            return (null, []);
        }
    }
}
