using Publisher.Core.Text;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>Sections, authors or tags: the three lists an article names by the slug of a name.</summary>
public sealed class TopicKind
{
    public static readonly TopicKind Section = new("sections");
    public static readonly TopicKind Author = new("authors");
    public static readonly TopicKind Tag = new("tags");

    private TopicKind(string table)
    {
        FindSql = $"SELECT id FROM {table} WHERE slug = @Slug";
        CreateSql = $"INSERT INTO {table} (slug, name) VALUES (@Slug, @Name) ON CONFLICT (slug) DO NOTHING RETURNING id";
    }

    internal string FindSql { get; }

    internal string CreateSql { get; }
}

/// <summary>A section, author or tag an article names that does not exist yet.</summary>
public sealed record NewTopic(TopicKind Kind, string Name);

/// <summary>
/// Sections, authors and tags as articles name them: found by the slug of their name, created on first use.
/// An article never renames one: the display name is the one it was created with, whatever spelling a later
/// article uses (slugs fold case, accents and punctuation, so « ☠ SPATIAL ☠ » names the section « Spatial »).
/// </summary>
public static class Topics
{
    /// <summary>The id of the section, author or tag this name designates, created if it does not exist.</summary>
    public static async Task<long> FindOrCreateAsync(WriteTransaction transaction, TopicKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        var slug = Slug.From(name);
        // Found again after an insert that did nothing: an engine with concurrent writers may have created it meanwhile.
        return await transaction.ScalarAsync<long?>(kind.FindSql, new { Slug = slug }, cancellationToken)
            ?? await transaction.ScalarAsync<long?>(kind.CreateSql, new { Slug = slug, Name = name.Trim() }, cancellationToken)
            ?? await transaction.ScalarAsync<long>(kind.FindSql, new { Slug = slug }, cancellationToken);
    }

    /// <summary>The sections, authors and tags <paramref name="article"/> names that do not exist yet, in the form's order.</summary>
    public static async Task<IReadOnlyList<NewTopic>> NewInAsync(WriteTransaction transaction, ArticleInput article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(article);
        var named = new[] { new NewTopic(TopicKind.Section, article.Section), new NewTopic(TopicKind.Author, article.Author) }
            .Concat(article.Tags.DistinctBy(Slug.From).Select(tag => new NewTopic(TopicKind.Tag, tag)));
        var missing = new List<NewTopic>();
        foreach (var topic in named)
        {
            if (await transaction.ScalarAsync<long?>(topic.Kind.FindSql, new { Slug = Slug.From(topic.Name) }, cancellationToken) is null)
            {
                missing.Add(topic with { Name = topic.Name.Trim() });
            }
        }
        return missing;
    }
}
