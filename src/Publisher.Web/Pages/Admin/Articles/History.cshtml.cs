using System.Globalization;
using System.Security.Claims;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Authorization;
using Publisher.Web.Admin.Accounts;
using Publisher.Web.Admin.Articles;
using Publisher.Web.Content;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>The revisions of an article, a readable comparison of any two, and the restoring of one as a new revision.</summary>
[Authorize(Policy = Roles.Policies.Editors)]
public sealed class HistoryModel(EditorQueries articles, ArticleStore store) : SitePageModel
{
    public long Id { get; private set; }

    public string Title { get; private set; } = "";

    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];

    public (RevisionRow From, RevisionRow To)? Compared { get; private set; }

    public IReadOnlyList<(string Field, DiffPaneModel Diff)> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, int? de, int? a, CancellationToken cancellationToken)
    {
        var article = await articles.FindAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        Id = id;
        Title = article.Title;
        Revisions = await articles.RevisionsAsync(id, cancellationToken);
        Meta.Title = "Historique";
        var from = Revisions.FirstOrDefault(revision => revision.Revision == de);
        var to = Revisions.FirstOrDefault(revision => revision.Revision == a);
        if (from is not null && to is not null)
        {
            Compared = (from, to);
            Differences = Compare(from.Article, to.Article);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id, int revision, CancellationToken cancellationToken)
    {
        var article = await articles.FindAsync(id, cancellationToken);
        var chosen = (await articles.RevisionsAsync(id, cancellationToken)).FirstOrDefault(row => row.Revision == revision);
        if (article is null || chosen is null)
        {
            return NotFound();
        }
        var userId = long.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
        // Restoring is one more save: history only grows, and a concurrent save is not overwritten.
        var result = await store.SaveAsync(id, article.Revision, chosen.Article, userId, cancellationToken);
        if (result is not EditorSaveResult.Saved)
        {
            return Redirect($"/admin/articles/{id}/historique");
        }
        await store.AuditAsync(userId, AuditActions.RevisionRestored, id, cancellationToken);
        return Redirect($"/admin/articles/{id}?enregistre=true");
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
