using Publisher.Core.Text;
using Publisher.Web.Data;

namespace Publisher.Web.Publishing;

/// <summary>Sections, authors and tags as articles name them: found by the slug of their name, created on first use.</summary>
public static class Topics
{
    public const string Section = """
        INSERT INTO sections (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    public const string Author = """
        INSERT INTO authors (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    public const string Tag = """
        INSERT INTO tags (slug, name) VALUES (@Slug, @Name)
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name
        RETURNING id
        """;

    /// <summary>The id of the section, author or tag with this name (<paramref name="upsertSql"/>: <see cref="Section"/>, <see cref="Author"/> or <see cref="Tag"/>).</summary>
    public static Task<long> UpsertAsync(WriteTransaction transaction, string upsertSql, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(name);
        return transaction.ScalarAsync<long>(upsertSql, new { Slug = Slug.From(name), Name = name.Trim() }, cancellationToken);
    }
}
