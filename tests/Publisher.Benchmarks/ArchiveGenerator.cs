using System.Globalization;
using System.Text;
using Publisher.Core.Text;

namespace Publisher.Benchmarks;

/// <summary>
/// Writes a folder of realistic French articles for the import command: front matter, Markdown with
/// headings, lists, links, quotes, code and pictures, tags whose popularity falls off as in a real archive
/// (a few tags on thousands of articles), one article every 40 minutes back from the newest. The newest
/// articles are the same whatever the count.
/// </summary>
public static class ArchiveGenerator
{
    private static readonly UTF8Encoding WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly string[] Sections = ["Intelligence artificielle", "Cybersécurité", "Réseaux sociaux", "Spatial", "Télécoms", "Économie numérique", "Jeux vidéo", "Matériel"];

    private static readonly string[] Authors = ["Camille Renaud", "Julien Marchetti", "Sophie Delorme", "La rédaction", "Léa Fontaine", "Hugo Bernard", "Inès Moreau", "Théo Lambert", "Chloé Girard", "Mathis Roux", "Zoé Lefèvre", "Noé Faure"];

    private static readonly string[] Entities = ["l’Arcep", "la CNIL", "l’ANSSI", "Bruxelles", "Mistral AI", "OVHcloud", "Orange", "Free", "SFR", "Bouygues Telecom", "l’ESA", "Arianespace", "le CNES", "Thales", "Dassault Systèmes", "Ubisoft", "Qwant", "Doctolib", "la start-up lyonnaise", "le gouvernement", "la Commission européenne", "le Conseil d’État", "un consortium européen", "les opérateurs", "les hébergeurs français"];

    private static readonly string[] Actions = ["annonce", "dévoile", "prépare", "conteste", "publie", "repousse", "accélère", "suspend", "lance", "finance", "teste", "abandonne"];

    private static readonly string[] Objects = ["un nouveau modèle de langage", "une mise à jour de sécurité", "son offre fibre", "un plan d’investissement de 2 milliards d’euros", "une constellation de satellites", "un centre de données en Bretagne", "le déploiement de la 5G SA", "une procédure contre une plateforme", "un outil de détection des hypertrucages", "son premier lanceur réutilisable", "une console portable", "un processeur gravé en 3 nm", "la fin du réseau cuivre", "une amende record", "un bouclier contre les rançongiciels"];

    private static readonly string[] Clauses = ["malgré les réserves des associations", "après des mois de négociations", "sous la pression des régulateurs", "pour rattraper ses concurrents américains", "dans un marché en pleine recomposition", "à quelques semaines d’une échéance européenne", "au grand dam des professionnels du secteur", "selon des documents consultés par notre rédaction"];

    private static readonly string[] Sentences =
    [
        "Les premiers retours des utilisateurs sont mitigés, même si la promesse technique est réelle.",
        "Selon nos informations, le calendrier pourrait encore glisser de plusieurs mois.",
        "Le texte prévoit des sanctions pouvant atteindre 6 % du chiffre d’affaires mondial.",
        "Les équipes ont travaillé pendant près de deux ans sur ce projet, longtemps resté confidentiel.",
        "Pour les particuliers, rien ne change dans l’immédiat : les offres actuelles restent valables.",
        "La question de la souveraineté des données revient, une fois encore, au cœur des débats.",
        "Plusieurs experts interrogés estiment que l’annonce arrive trop tard.",
        "Le coût total du programme dépasse désormais 1,5 milliard d’euros.",
        "Les associations de consommateurs demandent davantage de transparence sur les tarifs.",
        "La faille a été corrigée en moins de 48 heures après son signalement.",
        "Les concurrents n’ont pas tardé à réagir, certains dénonçant une distorsion de concurrence.",
        "Le régulateur a ouvert une consultation publique qui se clôturera à la fin du mois.",
        "Côté matériel, la nouvelle génération promet une autonomie doublée.",
        "L’entreprise assure que les données des clients n’ont jamais quitté l’Union européenne.",
        "Ce choix technique, critiqué au départ, semble aujourd’hui porter ses fruits.",
        "Les collectivités locales, en première ligne, réclament un accompagnement financier.",
    ];

    private static readonly string[] Quotes =
    [
        "nous avons fait le choix de la sécurité plutôt que de la vitesse",
        "c’est une étape décisive pour l’écosystème européen",
        "personne ne peut prétendre que le risque est nul",
        "les utilisateurs doivent garder la main sur leurs données",
        "nous ne lancerons rien tant que les tests ne seront pas concluants",
    ];

    private static readonly string[] Headings = ["Ce qui change", "Un calendrier serré", "Les réactions", "Et maintenant ?", "Un marché sous tension", "Ce qu’il faut retenir", "Les chiffres clés", "Pourquoi c’est important"];

    private static readonly string[] CommonTags = ["Régulation", "Union européenne", "IA générative", "Données personnelles", "Open source", "Vulnérabilité", "5G", "Fibre", "Fusées", "Satellites", "Rançongiciel", "Désinformation", "Cloud", "Semi-conducteurs", "Start-up", "Levée de fonds", "Arcep", "CNIL", "ANSSI", "ESA", "Jeux vidéo", "Consoles", "Smartphones", "Souveraineté numérique", "Cybercriminalité"];

    /// <summary>Writes <paramref name="count"/> articles, the newest published at <paramref name="newest"/>, with the pictures they use.</summary>
    public static void Write(string folder, int count, DateTimeOffset newest, string picturesFolder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var pictures = Directory.GetFiles(picturesFolder, "*.jpg").Order(StringComparer.Ordinal).Take(8).ToArray();
        if (pictures.Length == 0)
        {
            throw new InvalidOperationException($"no .jpg picture in {picturesFolder}");
        }
        var pictureNames = new string[pictures.Length];
        for (var i = 0; i < pictures.Length; i++)
        {
            pictureNames[i] = Path.GetFileName(pictures[i]);
            File.Copy(pictures[i], Path.Combine(folder, "images", pictureNames[i]), overwrite: true);
        }
        var tags = Tags();
        // One seed for every size: the first articles of a large archive are those of a small one.
        var random = new Random(20261124);
        for (var i = 0; i < count; i++)
        {
            var published = newest.AddMinutes(-40.0 * i);
            var (slug, text) = Article(random, i, published, tags, pictureNames);
            // Named oldest first, as dated file names sort, so that the import writes the archive in the order it was published.
            File.WriteAllText(Path.Combine(folder, $"{count - 1 - i:D6}-{slug}.md"), text, WithoutMark);
        }
    }

    // 25 tags everyone uses, then 400 rarer ones, drawn with a falling-off weight.
    private static string[] Tags() =>
        [.. CommonTags, .. Enumerable.Range(1, 400).Select(i => $"{CommonTags[i % CommonTags.Length]} {Entities[i % Entities.Length].Replace("l’", "", StringComparison.Ordinal).Replace("la ", "", StringComparison.Ordinal).Replace("le ", "", StringComparison.Ordinal).Replace("les ", "", StringComparison.Ordinal)} {i}")];

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    // Zipf-like: the first tags are drawn far more often than the last.
    private static string PickTag(Random random, string[] tags) => tags[(int)(tags.Length * Math.Pow(random.NextDouble(), 3))];

    private static (string Slug, string Text) Article(Random random, int index, DateTimeOffset published, string[] tags, string[] pictures)
    {
        var entity = Pick(random, Entities);
        var title = $"{char.ToUpper(entity[0], CultureInfo.GetCultureInfo("fr-FR"))}{entity[1..]} {Pick(random, Actions)} {Pick(random, Objects)} {Pick(random, Clauses)}";
        var slug = Slug.From($"{index} {title}");
        var articleTags = Enumerable.Range(0, 2 + random.Next(4)).Select(_ => PickTag(random, tags)).Distinct(StringComparer.Ordinal).ToList();
        var front = new StringBuilder();
        front.Append("---\n");
        front.Append(CultureInfo.InvariantCulture, $"slug: {slug}\n");
        front.Append(CultureInfo.InvariantCulture, $"title: \"{title}\"\n");
        front.Append(CultureInfo.InvariantCulture, $"standfirst: \"{Pick(random, Sentences)} {Pick(random, Sentences)}\"\n");
        front.Append(CultureInfo.InvariantCulture, $"section: \"{Pick(random, Sections)}\"\n");
        front.Append(CultureInfo.InvariantCulture, $"tags: [{string.Join(", ", articleTags.Select(tag => $"\"{tag}\""))}]\n");
        front.Append(CultureInfo.InvariantCulture, $"author: \"{Pick(random, Authors)}\"\n");
        front.Append("status: published\n");
        front.Append(CultureInfo.InvariantCulture, $"published: {published:yyyy-MM-ddTHH:mm:sszzz}\n");
        if (random.Next(10) < 7)
        {
            front.Append("image:\n");
            front.Append(CultureInfo.InvariantCulture, $"  file: images/{Pick(random, pictures)}\n");
            front.Append("  alt: \"Une illustration abstraite aux couleurs de la rubrique.\"\n");
            front.Append(CultureInfo.InvariantCulture, $"  caption: \"{Pick(random, Sentences)}\"\n");
            front.Append("  credit: \"Publisher\"\n");
        }
        front.Append("---\n");

        var body = new StringBuilder();
        Paragraph(random, body, 4);
        foreach (var heading in Headings.OrderBy(_ => random.Next()).Take(3 + random.Next(2)))
        {
            body.Append(CultureInfo.InvariantCulture, $"## {heading}\n\n");
            Paragraph(random, body, 3 + random.Next(3));
            switch (random.Next(5))
            {
                case 0:
                    body.Append(CultureInfo.InvariantCulture, $"- {Pick(random, Sentences)}\n- {Pick(random, Sentences)}\n- **{Pick(random, Objects)}** : {Pick(random, Clauses)}.\n\n");
                    break;
                case 1:
                    body.Append(CultureInfo.InvariantCulture, $"> \"{Pick(random, Quotes)}\", résume un porte-parole de {Pick(random, Entities)}.\n\n");
                    break;
                case 2:
                    body.Append(CultureInfo.InvariantCulture, $"![Un schéma explicatif.](images/{Pick(random, pictures)})\n\n");
                    break;
                case 3:
                    body.Append("La commande `publisher --version` affiche désormais la date de la dernière mise à jour.\n\n");
                    break;
                default:
                    Paragraph(random, body, 2);
                    break;
            }
        }
        body.Append(CultureInfo.InvariantCulture, $"Pour aller plus loin, lire [le communiqué officiel](https://www.example.fr/communiques/{index}) et [notre dossier](https://www.example.fr/dossiers/{Slug.From(Pick(random, Objects))}).\n");
        return (slug, front.Append(body).ToString());
    }

    private static void Paragraph(Random random, StringBuilder body, int sentences)
    {
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                body.Append(' ');
            }
            if (random.Next(6) == 0)
            {
                var quote = Pick(random, Quotes);
                body.Append(CultureInfo.InvariantCulture, $"« {char.ToUpper(quote[0], CultureInfo.GetCultureInfo("fr-FR"))}{quote[1..]} », affirme {Pick(random, Entities)}.");
            }
            else
            {
                body.Append(Pick(random, Sentences));
            }
        }
        body.Append("\n\n");
    }
}
