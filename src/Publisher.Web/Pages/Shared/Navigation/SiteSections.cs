using System.Globalization;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Shared.Navigation;

/// <summary>The site header as one page shows it: the sections, the one on screen if any, and the key its rendering is kept under.</summary>
public sealed record SiteHeaderView(IReadOnlyList<SectionLinkRow> Sections, string? CurrentSlug, string FragmentKey);

/// <summary>
/// The sections in the site header: those with at least one published article, in French alphabetical
/// order. The header is prepared once per snapshot for each way it can look (no section on screen, or one
/// of them), so the layout renders it once too.
/// </summary>
public sealed class SiteSections(TopicQueries topics, IDatabase database, ArticleChanges changes, TimeProvider clock)
{
    private static readonly StringComparer FrenchOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    private readonly LiveSnapshot<Variants> _snapshot = new(changes, clock);

    /// <summary>The header for the page at <paramref name="path"/>: a section's own page marks it as current.</summary>
    public async Task<SiteHeaderView> HeaderAsync(string? path, CancellationToken cancellationToken)
    {
        var variants = await _snapshot.GetAsync(LoadAsync, cancellationToken);
        return path is not null && variants.ByPath.TryGetValue(path, out var current) ? current : variants.None;
    }

    private async Task<(Variants, DateTimeOffset?)> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sections = await topics.ListedSectionsAsync(now, cancellationToken);
        var next = await NextScheduled.ReadAsync(database, now, cancellationToken);
        return (new Variants(sections.OrderBy(section => section.Name, FrenchOrder).ToList()), next);
    }

    private sealed class Variants
    {
        public Variants(IReadOnlyList<SectionLinkRow> sections)
        {
            var key = FragmentKeys.Next();
            None = new SiteHeaderView(sections, null, key);
            ByPath = sections.ToDictionary(
                section => Routes.Section(section.Slug),
                section => new SiteHeaderView(sections, section.Slug, $"{key}-{section.Slug}"),
                StringComparer.Ordinal);
        }

        public SiteHeaderView None { get; }

        public Dictionary<string, SiteHeaderView> ByPath { get; }
    }
}
