using Publisher.Core.Text;

namespace Publisher.Core.Search;

/// <summary>
/// The one way words are compared for search, on both sides (what is indexed, what readers type): lower
/// case, accents folded (« désinformation » = « desinformation »), elisions split (« l’intelligence » holds
/// « intelligence »), and simple plurals reduced (« réseaux » = « réseau », « données » = « donnée »).
/// </summary>
public static class SearchText
{
    /// <summary>Most terms a query keeps; the rest of a long input is ignored.</summary>
    public const int MaxTerms = 12;

    /// <summary>Longest term kept; longer runs of letters are cut.</summary>
    public const int MaxTermLength = 40;

    /// <summary>The words of a text in their search form, separated by spaces, ready to be indexed.</summary>
    public static string ForIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', Words(text).Select(Stem));
    }

    /// <summary>
    /// The terms of what a reader typed, in search form, each once, at most <see cref="MaxTerms"/>. Anything
    /// that is not a letter or a digit (quotes, <c>*</c>, <c>-</c>, parentheses, control characters) only
    /// separates words. Little words (« de », « la », « pour »…) are left out unless there is nothing else.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (query is null)
        {
            return [];
        }
        var words = Words(query).ToList();
        var meaningful = words.Where(word => !IsLittleWord(word)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Select(Stem).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
    }

    // Articles, prepositions, conjunctions and pronouns: nearly every article holds them, so they neither
    // narrow a search nor rank it, and ranking their long position lists made a query like « centre de
    // données » twice as slow. Words that can be a subject (« son », « sans », « est », « C ») are not listed,
    // and one typed in capitals is a name or an acronym (« CES », « iPhone SE », « LA », « série A »).
    private static readonly HashSet<string> LittleWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "et",
        "il", "ils", "la", "le", "les", "leur", "leurs", "ou", "par", "pour", "que", "qui", "sa", "se", "ses", "sur",
        "un", "une", "y",
    };

    private static bool IsLittleWord(string word) => !IsInCapitals(word) && LittleWords.Contains(TextFolding.Fold(word));

    // « À » opening a sentence is the preposition, « A » in « série A » a name.
    private static bool IsInCapitals(string word) =>
        word.Length == 1 ? char.IsAsciiLetterUpper(word[0]) : word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>The search form of one word: folded, lower case, without a plural s or x.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var folded = TextFolding.Fold(word);
        return folded.Length > 3 && folded[^1] is 's' or 'x' ? folded[..^1] : folded;
    }

    /// <summary>
    /// The words of a text as written: runs of letters and digits, accents composed (text pasted from some
    /// systems stores « é » as « e » plus an accent), without the elided « l’ », « d’ », « qu’ »… that
    /// only lean on the next word.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Normalize(System.Text.NormalizationForm.FormC);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && IsWordCharacter(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var word = text.Substring(start, Math.Min(i - start, MaxTermLength));
                var elided = i + 1 < text.Length && text[i] is '\'' or '’' or 'ʼ' && IsWordCharacter(text[i + 1]) && Elisions.Contains(word);
                if (!elided)
                {
                    yield return word;
                }
                start = -1;
            }
        }
    }

    private static readonly HashSet<string> Elisions = new(StringComparer.OrdinalIgnoreCase)
    {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    };

    // U+02BC (ʼ) is a letter for Unicode but an apostrophe for French writers.
    private static bool IsWordCharacter(char c) => c != 'ʼ' && char.IsLetterOrDigit(c);
}
