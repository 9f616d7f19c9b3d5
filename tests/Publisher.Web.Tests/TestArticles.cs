using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

/// <summary>Articles the tests write themselves, through the store or as files for the import.</summary>
internal static class TestArticles
{
    /// <summary>A plain article in Spatial by Camille Renaud, tagged Fusées.</summary>
    public static ArticleInput Input(string slug, string title, DateTimeOffset published, ArticleStatus status = ArticleStatus.Published, string section = "Spatial") => new(
        slug, title, "Un chapô.", "Un texte.", section, "Camille Renaud", ["Fusées"], status, published, null, null, null, null, null);

    /// <summary>
    /// A folder of <paramref name="count"/> article files for the import, <c>archive-0</c> onwards, each with two tags
    /// (Archives, and its batch of <see cref="ContentImporter.BatchSize"/>) and a link to exemple.fr in its body.
    /// </summary>
    public static async Task<string> WriteArchiveAsync(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{i:D5}.md"), $"""
                ---
                slug: archive-{i}
                title: "Article d'archive numéro {i}"
                standfirst: "Un chapô pour l'article {i}."
                section: "Spatial"
                tags: ["Archives", "Lot {i / ContentImporter.BatchSize}"]
                author: "La rédaction"
                status: published
                published: 2020-01-01T08:00:00+01:00
                ---
                ## Un intertitre

                Un texte « {i} » avec [un lien](https://exemple.fr/{i}).
                """, TestContext.Current.CancellationToken);
        }
        return folder;
    }
}
