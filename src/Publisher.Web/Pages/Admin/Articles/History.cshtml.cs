using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Authorization;
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

    public IReadOnlyList<(string Field, DiffPaneModel Diff)> Differences { get; private set; } = [];

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

    private static List<(string, DiffPaneModel)> Compare(ArticleInput from, ArticleInput to) =>
    [
        ("Titre", InlineDiffBuilder.Diff(from.Title, to.Title)),
        ("Adresse", InlineDiffBuilder.Diff(from.Slug, to.Slug)),
        ("Chapô", InlineDiffBuilder.Diff(from.Standfirst, to.Standfirst)),
        ("Rubrique", InlineDiffBuilder.Diff(from.Section, to.Section)),
        ("Tags", InlineDiffBuilder.Diff(string.Join(", ", from.Tags), string.Join(", ", to.Tags))),
        ("Texte", InlineDiffBuilder.Diff(from.BodyMarkdown, to.BodyMarkdown)),
    ];
}
