using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Core.Markdown;
using Publisher.Core.Text;

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
public static partial class SubEditor
{
    /// <summary>Titles longer than this are cut in search results and on social networks.</summary>
    public const int LongTitle = 110;

    /// <summary>The remarks, in French, in the order of the page; empty when all is well. The body is read by the site's one pipeline.</summary>
    /// <exception cref="MarkdownTooComplexException">The body nests too deeply to be rendered.</exception>
    public static IReadOnlyList<string> Review(Draft draft, ArticleMarkdown markdown)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(markdown);
        return Review(draft, markdown, markdown.Render(draft.Body));
    }

    /// <summary>The remarks on a draft whose body is already rendered (<paramref name="body"/>, from <paramref name="draft"/>'s body).</summary>
    public static IReadOnlyList<string> Review(Draft draft, ArticleMarkdown markdown, RenderedMarkdown body)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(body);
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
        // Read after typography, as readers will: straight quotes it turned into « » are not a remark.
        if (HasEnglishQuotes(FrenchTypography.Apply(draft.Title)) || HasEnglishQuotes(FrenchTypography.Apply(draft.Standfirst)) || HasEnglishQuotes(ProseOf(body.Html)))
        {
            remarks.Add("Des guillemets anglais (\" ou “ ”) sont employés là où le français attend des guillemets « ».");
        }
        var document = markdown.Parse(draft.Body);
        var emptyLinks = document.Descendants<LinkInline>().Count(link => !link.IsImage && link.FirstChild is null);
        if (emptyLinks > 0)
        {
            remarks.Add(emptyLinks == 1 ? "Un lien n’a pas de texte : le lecteur ne sait pas où il mène." : $"{emptyLinks} liens n’ont pas de texte : le lecteur ne sait pas où ils mènent.");
        }
        var withoutAlt = document.Descendants<LinkInline>().Count(link => link.IsImage && !link.Descendants<LiteralInline>().Any(text => !text.Content.IsEmptyOrWhitespace()));
        if (withoutAlt > 0)
        {
            remarks.Add(withoutAlt == 1
                ? "Une image du texte n’a pas de texte alternatif : décrivez-la entre les crochets de ![…] pour les lecteurs qui ne la voient pas."
                : $"{withoutAlt} images du texte n’ont pas de texte alternatif : décrivez-les entre les crochets de ![…] pour les lecteurs qui ne les voient pas.");
        }
        remarks.AddRange(RawHtmlRemarks(body.Changes));
        return remarks;
    }

    /// <summary>Longest part of a comment quoted in a remark.</summary>
    private const int QuotedComment = 60;

    // Elements that would load a player or a file from elsewhere: the pipeline never publishes them, and the
    // remark says how to embed instead.
    private static readonly HashSet<string> MediaElements = new(StringComparer.Ordinal)
    {
        "iframe", "frame", "object", "embed", "video", "audio", "source", "track",
    };

    // What the pipeline did to the author's HTML: the author sees it here, before readers do.
    private static IEnumerable<string> RawHtmlRemarks(IReadOnlyList<HtmlChange> changes)
    {
        if (MediaRemark(changes) is { } media)
        {
            yield return media;
        }
        changes = changes.Where(change => !IsMedia(change)).ToList();
        var escaped = Tags(changes, HtmlChangeKind.Escaped);
        if (escaped.Count > 0)
        {
            var example = $" Pour parler d’une balise, écrivez-la entre accents graves (`{escaped[0]}`).";
            yield return escaped.Count == 1
                ? $"La balise {escaped[0]} est affichée telle quelle, comme du texte : un navigateur l’aurait lue comme du code et aurait masqué ce qui la suit.{example}"
                : $"Les balises {List(escaped)} sont affichées telles quelles, comme du texte : un navigateur les aurait lues comme du code et aurait masqué ce qui les suit.{example}";
        }
        var removed = Tags(changes, HtmlChangeKind.RemovedElement);
        if (removed.Count > 0)
        {
            yield return removed.Count == 1
                ? $"La balise {removed[0]} est retirée ; le texte qu’elle contenait est gardé."
                : $"Les balises {List(removed)} sont retirées ; le texte qu’elles contenaient est gardé.";
        }
        var attributes = changes.Where(change => change.Kind == HtmlChangeKind.RemovedAttribute).Select(change => $"{change.Attribute} de <{change.Element}>").Distinct().ToList();
        if (attributes.Count > 0)
        {
            yield return attributes.Count == 1
                ? $"L’attribut {attributes[0]} est retiré : scripts, styles et adresses non sûres ne sont pas publiés."
                : $"Les attributs {List(attributes)} sont retirés : scripts, styles et adresses non sûres ne sont pas publiés.";
        }
        var comments = changes.Where(change => change.Kind == HtmlChangeKind.RemovedComment).Select(change => Quote(change.Detail ?? "")).ToList();
        if (comments.Count > 0)
        {
            yield return comments.Count == 1
                ? $"Un commentaire HTML est masqué aux lecteurs : {comments[0]}."
                : $"{comments.Count} commentaires HTML sont masqués aux lecteurs : {List(comments)}.";
        }
        if (changes.Any(change => change.Kind == HtmlChangeKind.UnclosedComment))
        {
            yield return "Un commentaire HTML <!-- n’est pas fermé par --> : il est affiché comme du texte, sans quoi il aurait masqué tout ce qui le suit.";
        }
    }

    private static bool IsMedia(HtmlChange change) =>
        change.Kind is HtmlChangeKind.Escaped or HtmlChangeKind.RemovedElement && MediaElements.Contains(change.Element);

    private static string? MediaRemark(IReadOnlyList<HtmlChange> changes)
    {
        var media = changes.Where(IsMedia).ToList();
        if (media.Count == 0)
        {
            return null;
        }
        var shown = Tags(media, HtmlChangeKind.Escaped);
        var removed = Tags(media, HtmlChangeKind.RemovedElement);
        var what = new List<string>();
        if (shown.Count > 0)
        {
            what.Add(shown.Count == 1
                ? $"La balise {shown[0]} est affichée telle quelle, comme du texte, et n’intègre rien"
                : $"Les balises {List(shown)} sont affichées telles quelles, comme du texte, et n’intègrent rien");
        }
        if (removed.Count > 0)
        {
            var sentence = removed.Count == 1 ? $"la balise {removed[0]} est retirée" : $"les balises {List(removed)} sont retirées";
            what.Add(what.Count == 0 ? char.ToUpperInvariant(sentence[0]) + sentence[1..] : sentence);
        }
        return string.Join("\u202F; ", what)
            + "\u00A0: les lecteurs ne chargent rien d’un autre site sans l’avoir demandé. Pour intégrer une vidéo YouTube, Vimeo ou PeerTube,"
            + " ou une publication X ou Mastodon, collez son adresse seule sur une ligne\u00A0: elle devient une carte que le lecteur lance d’un clic.";
    }

    private static List<string> Tags(IReadOnlyList<HtmlChange> changes, HtmlChangeKind kind) =>
        changes.Where(change => change.Kind == kind).Select(change => $"<{change.Element}>").Distinct().ToList();

    // « a, b et c »
    private static string List(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " et " + items[^1];

    private static string Quote(string comment)
    {
        var text = string.Join(' ', comment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return $"«\u202F{(text.Length > QuotedComment ? text[..QuotedComment].TrimEnd() + "…" : text)}\u202F»";
    }

    private static readonly HtmlParser Parser = new();

    // Only the words of the rendered text: code keeps its quotes.
    private static string ProseOf(string html)
    {
        using var document = Parser.ParseDocument($"<body>{html}</body>");
        foreach (var code in document.Body!.QuerySelectorAll("code, pre, kbd, samp, var").ToList())
        {
            code.Remove();
        }
        // A tag the pipeline showed as text (a pasted <iframe src="…">) is markup, not prose: the remarks on raw HTML cover it.
        return TagShownAsText().Replace(document.Body.TextContent, " ");
    }

    [GeneratedRegex("<[a-zA-Z/][^<>]*>")]
    private static partial Regex TagShownAsText();

    // “ ” open English quotes when they are not nested in « »; a straight quote typography left as typed
    // (unbalanced, or closing with nothing open) is English wherever it is.
    private static bool HasEnglishQuotes(string text) =>
        text.Contains('"', StringComparison.Ordinal) || (text.Contains('“', StringComparison.Ordinal) && !text.Contains('«', StringComparison.Ordinal));
}
