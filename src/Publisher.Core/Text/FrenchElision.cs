namespace Publisher.Core.Text;

/// <summary>
/// « de » and « le » before a name or a word, elided as French writes them: « le rôle d’Alice », « les articles
/// d’Hélène », but « de Bruno », « de Yann » (a y before a vowel is a consonant) and « de Hollande » (an aspirated h).
/// </summary>
public static class FrenchElision
{
    // Words whose h is aspirated and keeps « de » whole; the common ones of tech news, and names a newsroom meets.
    private static readonly HashSet<string> AspiratedH = new(StringComparer.OrdinalIgnoreCase)
    {
        "hache", "hacker", "hackers", "haine", "hall", "halte", "hameau", "handicap", "hangar", "hardware", "harcèlement",
        "hasard", "hausse", "haut", "haute", "hauts", "hautes", "héros", "hibou", "hockey", "hollande", "hongrie",
        "honte", "honda", "huawei", "huit", "hyundai",
    };

    /// <summary>« d’Alice » or « de Bruno ».</summary>
    public static string De(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (Elides(name) ? "d’" : "de ") + name;
    }

    /// <summary>Whether « de », « le », « que » lose their vowel before <paramref name="word"/>.</summary>
    public static bool Elides(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var text = word.TrimStart();
        if (text.Length == 0)
        {
            return false;
        }
        var head = TextFolding.Fold(text[..Math.Min(text.Length, 3)]);
        var second = head.Length > 1 ? head[1] : '\0';
        return head[0] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => true,
            'y' => !IsVowel(second),
            'h' => IsVowel(second) && !AspiratedH.Contains(FirstWord(text)),
            _ => false,
        };
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static string FirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }
        return text[..end];
    }
}
