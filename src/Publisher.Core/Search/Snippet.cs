namespace Publisher.Core.Search;

/// <summary>A piece of a snippet: text as written, and whether it is a word the reader searched for.</summary>
/// <param name="Text">The text, to be HTML-escaped when shown.</param>
/// <param name="IsMatch">True for a matching word, shown highlighted.</param>
public sealed record SnippetPart(string Text, bool IsMatch);

/// <summary>Cuts a short passage around the first searched word of a text and marks every searched word in it.</summary>
public static class Snippet
{
    /// <summary>Builds the passage: about <paramref name="words"/> words, starting a little before the first match.</summary>
    public static IReadOnlyList<SnippetPart> Build(string text, IReadOnlyList<string> terms, int words = 32)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var tokens = Tokenize(text.Normalize(System.Text.NormalizationForm.FormC));
        var wordIndexes = tokens.Select((token, index) => (token, index)).Where(pair => pair.token.IsWord).Select(pair => pair.index).ToList();
        if (wordIndexes.Count == 0)
        {
            return [];
        }
        bool Matches(int tokenIndex) => terms.Contains(SearchText.Stem(tokens[tokenIndex].Text), StringComparer.Ordinal);
        var firstMatch = wordIndexes.FindIndex(Matches);
        var startWord = Math.Max(0, (firstMatch < 0 ? 0 : firstMatch) - 8);
        var endWord = Math.Min(wordIndexes.Count - 1, startWord + words - 1);
        var parts = new List<SnippetPart>();
        if (startWord > 0)
        {
            parts.Add(new SnippetPart("… ", false));
        }
        for (var i = wordIndexes[startWord]; i <= wordIndexes[endWord]; i++)
        {
            parts.Add(new SnippetPart(tokens[i].Text, tokens[i].IsWord && Matches(i)));
        }
        if (endWord < wordIndexes.Count - 1)
        {
            parts.Add(new SnippetPart(" …", false));
        }
        return parts;
    }

    private static List<(string Text, bool IsWord)> Tokenize(string text)
    {
        var tokens = new List<(string, bool)>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsLetterOrDigit(text[i]) != char.IsLetterOrDigit(text[start]))
            {
                tokens.Add((text[start..i], char.IsLetterOrDigit(text[start])));
                start = i;
            }
        }
        return tokens;
    }
}
