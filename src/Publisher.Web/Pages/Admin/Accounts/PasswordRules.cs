using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Zxcvbn.Matcher;

namespace Publisher.Web.Pages.Admin.Accounts;

/// <summary>
/// Refuses passwords an attacker would guess, and says why in French: too short, too repetitive, or
/// guessable by the strength estimator zxcvbn, which is told what it cannot know by itself about a French
/// newsroom: the AZERTY keyboard's rows, common French words, and the person's e-mail, name and site.
/// </summary>
public static partial class PasswordRules
{
    public const int MinimumLength = 12;

    // zxcvbn's 0–4 score: 3 means about a million seconds of guessing at its assumed rate (10^6 to 10^8 s).
    public const int MinimumScore = 3;

    // Only the start of a very long password is estimated: zxcvbn looks at every piece of the text, so its
    // work grows with the square of the length, and more characters only make a password stronger.
    private const int EstimatedLength = 100;

    // The software's own name, which an attacker tries whatever the site is called.
    private const string SoftwareName = "publisher";

    private const string Prefix = "Ce mot de passe est trop facile à deviner\u00a0: ";

    /// <summary>Why the password is refused, in words the person can act on; null when it is acceptable.</summary>
    public static string? Problem(string password, string email) => Problem(password, email, []);

    /// <summary>
    /// Why the password is refused; null when it is acceptable. <paramref name="context"/> names what else
    /// an attacker would try first: the person's display name, then the site's name.
    /// </summary>
    public static string? Problem(string password, string email, IReadOnlyList<string> context)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(context);
        if (password.Length < MinimumLength)
        {
            return $"Le mot de passe doit compter au moins {MinimumLength} caractères (une phrase de passe de quelques mots convient).";
        }
        if (password.Distinct().Count() < 6)
        {
            return "Le mot de passe répète trop les mêmes caractères.";
        }
        var local = email.Split('@')[0];
        if (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            return Prefix + "il contient votre adresse e-mail.";
        }
        var guesses = new Guesses(local, context.Count > 0 ? context[0] : "", context.Skip(1).Append(SoftwareName));
        var folded = Fold(password);
        var result = Zxcvbn.Zxcvbn.MatchPassword(folded[..Math.Min(folded.Length, EstimatedLength)], guesses.All);
        if (result.Score >= MinimumScore)
        {
            return null;
        }
        var reasons = result.MatchSequence.Where(match => match.Token.Length >= 3).Select(guesses.Reason).OfType<string>().Distinct().ToList();
        return reasons.Count == 0
            ? Prefix + "ajoutez quelques mots sans rapport entre eux."
            : Prefix + "il contient " + (reasons.Count == 1 ? reasons[0] : string.Join(", ", reasons[..^1]) + " et " + reasons[^1])
                + ". Une phrase de quelques mots sans rapport entre eux est plus sûre.";
    }

    // Lower case without accents, as people type when they drop them: « Liberté » is tried as « liberte ».
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    // zxcvbn knows the QWERTY and Dvorak keyboards; these are the AZERTY rows, unshifted, as typed.
    private static readonly string[] AzertyRows = ["&é\"'(-è_çà)=", "azertyuiop", "qsdfghjklm", "wxcvbn"];

    // Every run of four keys or more along a row, both ways.
    private static readonly HashSet<string> KeyboardRuns = AzertyRows
        .Select(Fold)
        .SelectMany(row => new[] { row, new string(row.Reverse().ToArray()) })
        .SelectMany(row => Enumerable.Range(4, row.Length - 3).SelectMany(length => Enumerable.Range(0, row.Length - length + 1).Select(start => row.Substring(start, length))))
        .ToHashSet(StringComparer.Ordinal);

    // French words and first names common in passwords, which zxcvbn's English lists lack or rank low.
    private static readonly string[] FrenchWords =
    [
        "motdepasse", "soleil", "bonjour", "chocolat", "doudou", "loulou", "jetaime", "amour", "chouchou",
        "coucou", "bisous", "cherie", "mamour", "princesse", "nounours", "bisounours", "papillon", "poussin",
        "minou", "chaton", "chat", "chien", "cheval", "tigre", "dragon", "etoile", "lumiere", "bonheur",
        "liberte", "france", "paris", "marseille", "toulouse", "nantes", "bordeaux", "lille", "bretagne",
        "football", "olympique", "maison", "famille", "enfant", "maman", "papa", "mamie", "papi", "vacances",
        "voiture", "secret", "tresor", "fromage", "pomme", "fraise", "banane", "patate", "salut", "merci",
        "bienvenue", "administrateur", "utilisateur", "connexion", "journal", "redaction", "actualite",
        "article", "presse", "informatique", "ordinateur", "internet", "printemps", "automne", "hiver",
        "nicolas", "julien", "thomas", "camille", "marie", "sophie", "julie", "pierre", "louis", "lucas",
        "manon", "emma", "chloe", "hugo", "arthur", "jules", "alexandre", "maxime", "antoine", "kevin",
        "sebastien", "stephanie", "nathalie", "isabelle", "sandrine", "celine", "aurelie", "laurent",
        "christophe", "philippe", "michel", "francois", "frederic", "olivier",
    ];

    [GeneratedRegex("^(19|20)[0-9]{2}$")]
    private static partial Regex Year();

    /// <summary>What an attacker tries first for one person, and what each kind of guess is called in French.</summary>
    private sealed class Guesses
    {
        private readonly HashSet<string> _email;
        private readonly HashSet<string> _name;
        private readonly HashSet<string> _site;

        public Guesses(string emailLocalPart, string displayName, IEnumerable<string> siteNames)
        {
            _email = Pieces(emailLocalPart);
            _name = Pieces(displayName);
            _site = siteNames.SelectMany(Pieces).ToHashSet(StringComparer.Ordinal);
            // The most likely guesses first: zxcvbn counts a word's rank in the list as its cost.
            All = _email.Concat(_name).Concat(_site).Concat(KeyboardRuns).Concat(FrenchWords).Distinct(StringComparer.Ordinal).ToList();
        }

        public IReadOnlyList<string> All { get; }

        // The whole text, joined up, and each word of three letters or more.
        private static HashSet<string> Pieces(string text)
        {
            var words = NonLetters().Split(Fold(text));
            var pieces = new HashSet<string>(words.Where(word => word.Length >= 3), StringComparer.Ordinal);
            if (string.Concat(words) is { Length: >= 3 } whole)
            {
                pieces.Add(whole);
            }
            return pieces;
        }

        public string? Reason(Zxcvbn.Match match) => match switch
        {
            DictionaryMatch word when word.DictionaryName == "user_inputs" => word.MatchedWord switch
            {
                var w when _email.Contains(w) => "votre adresse e-mail",
                var w when _name.Contains(w) => "votre nom",
                var w when _site.Contains(w) => "le nom du site",
                var w when KeyboardRuns.Contains(w) => "une suite de touches du clavier (azerty, qsdfgh…)",
                _ => "un mot trop courant",
            },
            DictionaryMatch word when word.DictionaryName == "passwords" => "un mot de passe trop courant",
            DictionaryMatch => "un mot ou un prénom trop courant",
            { Pattern: "spatial" } when Year().IsMatch(match.Token) => "une date ou une année",
            { Pattern: "spatial" } => "une suite de touches du clavier (azerty, qsdfgh…)",
            { Pattern: "sequence" } => "une suite trop simple (abcdef, 123456…)",
            { Pattern: "repeat" } => "des caractères répétés",
            { Pattern: "date" or "year" } => "une date ou une année",
            { Pattern: "digits" } => "une suite de chiffres",
            _ => null,
        };
    }

    [GeneratedRegex("[^\\p{L}\\p{N}]+")]
    private static partial Regex NonLetters();
}
