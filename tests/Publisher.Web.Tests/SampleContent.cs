namespace Publisher.Web.Tests;

/// <summary>Facts about the repository's content/ folder, which the tests' app imports on first start.</summary>
internal static class SampleContent
{
    public const string SeedSlug = "elon-musk-interview-donald-trump-x";
    public const string DraftSlug = "deepfakes-marquage-contenus-ia";
    public const string ScheduledSlug = "themis-premier-saut";
    public const string UpdatedSlug = "faille-routeurs-kelvo";

    /// <summary>When the scheduled article goes live: 2 March 2027 at 8:30 in Paris.</summary>
    public static readonly DateTimeOffset ScheduledAt = new(2027, 3, 2, 7, 30, 0, TimeSpan.Zero);

    /// <summary>The published articles, newest first.</summary>
    public static readonly IReadOnlyList<string> Published =
    [
        "fuite-donnees-courtier-sante",
        "verification-age-reseaux-sociaux",
        "5g-sa-generalisation",
        "starship-transfert-ergols",
        "mistral-modele-ouvert",
        "faille-routeurs-kelvo",
        "dsa-procedure-x-grok",
        "extinction-2g-calendrier",
        "ai-act-echeance-aout-2026",
        "ariane-64-premier-vol",
        "hopital-rancongiciel-vallon-sur-orne",
        SeedSlug,
    ];

    public static readonly IReadOnlyList<string> Hidden = [DraftSlug, ScheduledSlug];
}
