using System.Globalization;
using Dapper;
using Publisher.Web.Content;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Shared.Navigation;

public sealed class SectionLinkRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>The site header as one page shows it: the sections, the one on screen if any, and the key its rendering is kept under.</summary>
public sealed record SiteHeaderView(IReadOnlyList<SectionLinkRow> Sections, string? CurrentSlug, string FragmentKey);

/// <summary>
/// The sections in the site header: those with at least one published article, in French alphabetical
/// order. The header is prepared once per snapshot for each way it can look (no section on screen, or one
/// of them), so the layout renders it once too.
/// </summary>
public sealed class SiteSections(SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock)
{
    private static readonly StringComparer FrenchOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    private readonly LiveSnapshot<Variants> _snapshot = new(changes, clock);

    /// <summary>The header for the page at <paramref name="path"/>: a section's own page marks it as current.</summary>
    public async Task<SiteHeaderView> HeaderAsync(string? path, CancellationToken cancellationToken)
    {
        var variants = await _snapshot.GetAsync(LoadAsync, cancellationToken);
        return path is not null && variants.ByPath.TryGetValue(path, out var current) ? current : variants.None;
    }

    private const string ListedSql = $"""
        SELECT s.slug AS Slug, s.name AS Name
        FROM sections s
        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND {Published.Filter})
        """;

    private async Task<(Variants, DateTimeOffset?)> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new { Now = DateTimeOffsetHandler.ToText(now) };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sections = await connection.QueryAsync<SectionLinkRow>(new CommandDefinition(ListedSql, parameters, cancellationToken: cancellationToken));
        var next = await Published.NextScheduledAsync(connection, now, cancellationToken);
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
