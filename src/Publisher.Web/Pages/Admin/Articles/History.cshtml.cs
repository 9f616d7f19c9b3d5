using Microsoft.AspNetCore.Authorization;
using Publisher.Core.Content;
using Publisher.Core.Text;
using Publisher.Web.Pages.Admin.Accounts;
using Publisher.Web.Publishing;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The revisions of an article, a readable comparison of any two, and the restoring of one as a new revision.</summary>
[Authorize(Policy = Permissions.Publish)]
public sealed class HistoryModel(EditorQueries articles, RestoreRevision restoreRevision) : AdminPageModel
{
    public long Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The article's revision as this page shows it: a restore is refused if someone saved since.</summary>
    public int CurrentRevision { get; private set; }

    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];

    public (RevisionRow From, RevisionRow To)? Compared { get; private set; }

    public IReadOnlyList<(string Field, IReadOnlyList<DiffSegment> Diff)> Differences { get; private set; } = [];

    /// <summary>Why the restore was refused: someone saved since (a conflict), or the revision's address is another article's now.</summary>
    public EditorSaveResult? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? de, int? a, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var from = Revisions.FirstOrDefault(revision => revision.Revision == de);
        var to = Revisions.FirstOrDefault(revision => revision.Revision == a);
        if (from is not null && to is not null)
        {
            Compared = (from, to);
            Differences = Compare(from.Article, to.Article);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id, int revision, int vue, CancellationToken cancellationToken)
    {
        var result = await restoreRevision.RestoreAsync(id, revision, vue, UserId, await MayAsync(Permissions.CreateTopics), cancellationToken);
        if (result is EditorSaveResult.Saved)
        {
            return RedirectToPage("/Admin/Articles/Edit", new { id, enregistre = "true" });
        }
        // Say why, with the history as it now is.
        Refused = result;
        return result is not null && await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var article = await articles.FindAsync(id, cancellationToken);
        if (article is null)
        {
            return false;
        }
        (Id, Title, CurrentRevision) = (id, article.Title, article.Revision);
        Revisions = await articles.RevisionsAsync(id, cancellationToken);
        Meta.Title = "Historique";
        return true;
    }

    // Every field a save stores, status and date included: a restore or a save that changes them says so here.
    private static List<(string, IReadOnlyList<DiffSegment>)> Compare(ArticleInput from, ArticleInput to) =>
    [
        ("Titre", WordDiff.Between(from.Title, to.Title)),
        ("Adresse", WordDiff.Between(from.Slug, to.Slug)),
        ("Chapô", WordDiff.Between(from.Standfirst, to.Standfirst)),
        ("Rubrique", WordDiff.Between(from.Section, to.Section)),
        ("Auteur", WordDiff.Between(from.Author, to.Author)),
        ("Tags", WordDiff.Between(string.Join(", ", from.Tags), string.Join(", ", to.Tags))),
        ("Texte", WordDiff.Between(from.BodyMarkdown, to.BodyMarkdown)),
        ("Image", WordDiff.Between(ImageOf(from), ImageOf(to))),
        ("Statut", WordDiff.Between(StatusOf(from.Status), StatusOf(to.Status))),
        ("Date de publication", WordDiff.Between(DateOf(from.PublishedAt), DateOf(to.PublishedAt))),
    ];

    private static string StatusOf(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Brouillon",
        ArticleStatus.Scheduled => "Programmé",
        _ => "Publié",
    };

    private static string DateOf(DateTimeOffset? instant) => instant is { } date ? FrenchDates.DateAndTime(date) : "aucune";

    private static string ImageOf(ArticleInput article) => article.Image is null
        ? "aucune"
        : string.Join("\n", new[] { article.Image.Url, article.ImageAlt, article.ImageCaption, article.ImageCredit }.Where(part => !string.IsNullOrEmpty(part)));
}
