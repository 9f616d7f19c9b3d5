using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Publisher.Core.Editing;
using Publisher.Core.Markdown;
using Publisher.Core.Text;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>How long a text is, as the editor shows it while it is typed.</summary>
/// <param name="Words">Words a reader reads, as the reading time counts them.</param>
/// <param name="Characters">Characters of the text readers see, spaces included.</param>
/// <param name="ReadingMinutes">« Lecture : 4 min ».</param>
public sealed record TextLength(int Words, int Characters, int ReadingMinutes)
{
    public static TextLength Of(RenderedMarkdown body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new(body.WordCount, body.PlainText.Length, body.ReadingMinutes);
    }

    /// <summary>« 1 234 mots · 7 890 caractères · lecture : 6 min ».</summary>
    public string French() =>
        $"{FrenchNumbers.Grouped(Words)} {(Words > 1 ? "mots" : "mot")} · {FrenchNumbers.Grouped(Characters)} {(Characters > 1 ? "caractères" : "caractère")} · lecture\u00A0: {ReadingMinutes}\u00A0min";

}

/// <summary>The editor's preview: the body as readers will see it, its length, and the sub-editor's remarks, what became of raw HTML included (none blocks saving).</summary>
public sealed class ArticlePreview(ArticleMarkdown markdown)
{
    /// <summary>The form's preview; none, and a message beside the body, when it nests deeper than the pipeline renders.</summary>
    public (IHtmlContent? Html, IReadOnlyList<string> Remarks, TextLength? Length) Render(ArticleForm form, EditableArticleRow? existing, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        try
        {
            var body = markdown.Render(form.Body ?? "");
            var hasImage = existing?.ImageUrl is not null || form.ImageFile is { Length: > 0 } || !string.IsNullOrEmpty(form.ImageUrl);
            var draft = new Draft(form.Title ?? "", form.Standfirst ?? "", form.ChosenSection, form.Body ?? "", hasImage, form.ImageAlt, form.ImageCredit);
            // Sanitised by the pipeline; the remarks say what it showed as text or removed from the author's HTML.
            return (new HtmlString(body.Html), SubEditor.Review(draft, markdown, body), TextLength.Of(body));
        }
        catch (MarkdownTooComplexException)
        {
            modelState.AddModelError("Input.Body", MarkdownTooComplexException.French);
            return (null, [], null);
        }
    }
}
