using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Core.Markdown;

namespace Publisher.Core.Editing;

/// <summary>What is being checked before publication: the fields as the editor typed them.</summary>
/// <param name="Title">The title.</param>
/// <param name="Standfirst">The standfirst (chapô).</param>
/// <param name="Section">The section.</param>
/// <param name="Body">The body in Markdown.</param>
/// <param name="HasImage">Whether the article has a hero picture.</param>
/// <param name="ImageAlt">Its alternative text.</param>
/// <param name="ImageCredit">Its credit.</param>
public sealed record Draft(string Title, string Standfirst, string Section, string Body, bool HasImage = false, string? ImageAlt = null, string? ImageCredit = null);

/// <summary>
/// The remarks an experienced sub-editor makes before publishing. None of them blocks a save: they are
/// shown beside the preview.
/// </summary>
public static class SubEditor
{
    /// <summary>Titles longer than this are cut in search results and on social networks.</summary>
    public const int LongTitle = 110;

    /// <summary>The remarks, in French, in the order of the page; empty when all is well. The body is read by the site's one pipeline.</summary>
    public static IReadOnlyList<string> Review(Draft draft, ArticleMarkdown markdown)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(markdown);
        var remarks = new List<string>();
        if (draft.Title.Trim().Length > LongTitle)
        {
            remarks.Add($"Le titre compte {draft.Title.Trim().Length} caractères : au-delà de {LongTitle}, il sera coupé dans les résultats de recherche.");
        }
        if (string.IsNullOrWhiteSpace(draft.Standfirst))
        {
            remarks.Add("Il manque le chapô : c’est lui qui donne envie de lire et qui décrit l’article aux moteurs de recherche.");
        }
        if (string.IsNullOrWhiteSpace(draft.Section))
        {
            remarks.Add("Aucune rubrique n’est choisie.");
        }
        if (draft.HasImage && string.IsNullOrWhiteSpace(draft.ImageAlt))
        {
            remarks.Add("L’image n’a pas de texte alternatif : décrivez-la pour les lecteurs qui ne la voient pas.");
        }
        if (draft.HasImage && string.IsNullOrWhiteSpace(draft.ImageCredit))
        {
            remarks.Add("L’image n’a pas de crédit photo.");
        }
        var document = markdown.Parse(draft.Body);
        if (HasEnglishQuotes(draft.Title) || HasEnglishQuotes(draft.Standfirst) || ProseOf(document).Any(HasEnglishQuotes))
        {
            remarks.Add("Des guillemets anglais (\" ou “ ”) sont employés là où le français attend des guillemets « ».");
        }
        var emptyLinks = document.Descendants<LinkInline>().Count(link => !link.IsImage && link.FirstChild is null);
        if (emptyLinks > 0)
        {
            remarks.Add(emptyLinks == 1 ? "Un lien n’a pas de texte : le lecteur ne sait pas où il mène." : $"{emptyLinks} liens n’ont pas de texte : le lecteur ne sait pas où ils mènent.");
        }
        return remarks;
    }

    // Only the words of the text: code keeps its quotes.
    private static IEnumerable<string> ProseOf(MarkdownDocument document) =>
        document.Descendants<LiteralInline>().Select(literal => literal.Content.ToString());

    // “ ” open English quotes when they are not nested in « »; straight quotes are English wherever they are.
    private static bool HasEnglishQuotes(string text) =>
        text.Contains('"', StringComparison.Ordinal) || (text.Contains('“', StringComparison.Ordinal) && !text.Contains('«', StringComparison.Ordinal));
}
