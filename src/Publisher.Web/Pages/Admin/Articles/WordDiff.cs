using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Html;

namespace Publisher.Web.Pages.Admin.Articles;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of text both versions share, or that one of them alone has.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// What changed between two texts, word by word: a changed word is marked alone, not its whole line, and the
/// text between changes is shown once, as typed (line breaks included).
/// </summary>
public static partial class WordDiff
{
    /// <summary>Longest pair of texts, in characters, compared word by word (a long investigation is about 40,000).</summary>
    public const int MaxWordByWord = 100_000;

    /// <summary>The segments in reading order; concatenating the same and removed ones gives <paramref name="from"/>, the same and added ones <paramref name="to"/>.</summary>
    public static IReadOnlyList<DiffSegment> Between(string from, string to)
    {
        // Word by word costs time in the product of the lengths: two long texts that differ throughout are
        // compared line by line, which is quick and still readable.
        IChunker chunker = from.Length + to.Length > MaxWordByWord ? LineEndingsPreservingChunker.Instance : WordsAndSpaces.Instance;
        var pieces = InlineDiffBuilder.Diff(Differ.Instance, from, to, ignoreWhiteSpace: false, ignoreCase: false, chunker).Lines;
        var segments = new List<DiffSegment>();
        foreach (var piece in pieces)
        {
            var kind = piece.Type switch
            {
                ChangeType.Deleted => DiffKind.Removed,
                ChangeType.Inserted => DiffKind.Added,
                _ => DiffKind.Same,
            };
            if (segments.Count > 0 && segments[^1].Kind == kind)
            {
                segments[^1] = segments[^1] with { Text = segments[^1].Text + piece.Text };
            }
            else
            {
                segments.Add(new DiffSegment(kind, piece.Text));
            }
        }
        return segments;
    }

    /// <summary>
    /// The segments as one run of HTML, removed words in &lt;del&gt; and added ones in &lt;ins&gt;, each named for screen
    /// readers. Built here rather than in the view, where the view's own indentation would land in the text.
    /// </summary>
    public static IHtmlContent ToHtml(IReadOnlyList<DiffSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var html = new HtmlContentBuilder();
        foreach (var segment in segments)
        {
            _ = segment.Kind switch
            {
                DiffKind.Removed => html.AppendHtml("<del><span class=\"visually-hidden\">retiré\u00A0: </span>").Append(segment.Text).AppendHtml("</del>"),
                DiffKind.Added => html.AppendHtml("<ins><span class=\"visually-hidden\">ajouté\u00A0: </span>").Append(segment.Text).AppendHtml("</ins>"),
                _ => html.Append(segment.Text),
            };
        }
        return html;
    }

    /// <summary>Whether the two texts differ at all.</summary>
    public static bool HasChanges(IReadOnlyList<DiffSegment> segments) => segments.Any(segment => segment.Kind != DiffKind.Same);

    // Words (with their apostrophes and hyphens), runs of spaces and line breaks, and each other character alone:
    // nothing is dropped, so the pieces put back together are the text.
    private sealed partial class WordsAndSpaces : IChunker
    {
        public static readonly WordsAndSpaces Instance = new();

        public IReadOnlyList<string> Chunk(string text) => Pieces().Matches(text).Select(match => match.Value).ToList();

        [GeneratedRegex(@"\s+|[\p{L}\p{N}’'\-]+|.", RegexOptions.Singleline)]
        private static partial Regex Pieces();
    }
}
