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

/// <summary>The sections in the site header: those with at least one published article, in French alphabetical order.</summary>
public sealed class SiteSections(SqliteConnectionFactory connections, ArticleChanges changes, TimeProvider clock)
{
    private static readonly StringComparer FrenchOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    private readonly LiveSnapshot<IReadOnlyList<SectionLinkRow>> _snapshot = new(changes, clock);

    public Task<IReadOnlyList<SectionLinkRow>> ListAsync(CancellationToken cancellationToken) =>
        _snapshot.GetAsync(LoadAsync, cancellationToken);

    private const string ListedSql = $"""
        SELECT s.slug AS Slug, s.name AS Name
        FROM sections s
        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND {Published.Filter})
        """;

    private async Task<(IReadOnlyList<SectionLinkRow>, DateTimeOffset?)> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new { Now = DateTimeOffsetHandler.ToText(now) };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sections = await connection.QueryAsync<SectionLinkRow>(new CommandDefinition(ListedSql, parameters, cancellationToken: cancellationToken));
        var next = await Published.NextScheduledAsync(connection, now, cancellationToken);
        return (sections.OrderBy(section => section.Name, FrenchOrder).ToList(), next);
    }
}
