using System.Security.Cryptography;
using System.Text;
using Dapper;
using Publisher.Core.Content;
using Publisher.Web.Data;

namespace Publisher.Web.Pages.Admin.Articles;

/// <summary>
/// The secret of a preview link: 256 random bits in the address, of which the table keeps only the SHA-256,
/// so that a copy of the table opens no preview. Nothing else in the address can be guessed or altered.
/// </summary>
public static class PreviewTokens
{
    // 32 bytes in lower-case hexadecimal: addresses are lower-case on this site (CanonicalUrls redirects others).
    private const int Length = 64;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether the text could be a token at all; anything else is answered 404 without reading the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

/// <summary>A link that still opens its preview, as the editor lists it.</summary>
public sealed class PreviewLinkRow
{
    public long Id { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>What a preview address leads to now: its link's state and its article's.</summary>
public sealed class PreviewTargetRow
{
    public long ArticleId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string Slug { get; init; } = "";
    public bool Deleted { get; init; }

    /// <summary>Readers see the article now: the link leads to its public page.</summary>
    public bool Live { get; init; }
}

public sealed class PreviewLinkQueries(IDatabase database)
{
    /// <summary>The lengths of life the editor chooses from, in days.</summary>
    public static readonly IReadOnlyList<int> Durations = [1, 7, 30];

    public const int DefaultDays = 7;

    /// <summary>Whether readers see the article now: then it has « Voir l’article » instead of preview links.</summary>
    public static bool IsLive(EditableArticleRow article, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(article);
        return article is { Status: "published" or "scheduled", DeletedAt: null, PublishedAt: { } publishedAt } && publishedAt <= now;
    }

    private const string ActiveSql = """
        SELECT p.id AS Id, u.display_name AS CreatedBy, p.created_at AS CreatedAt, p.expires_at AS ExpiresAt
        FROM preview_links p LEFT JOIN users u ON u.id = p.created_by
        WHERE p.article_id = @ArticleId AND p.revoked_at IS NULL AND p.expires_at > @Now
        ORDER BY p.created_at DESC, p.id DESC
        """;

    /// <summary>The article's links that still open its preview, newest first.</summary>
    public async Task<IReadOnlyList<PreviewLinkRow>> ActiveAsync(long articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PreviewLinkRow>(new CommandDefinition(ActiveSql, new { ArticleId = articleId, Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken))).AsList();
    }

    private const string TargetSql = $"""
        SELECT p.article_id AS ArticleId, p.expires_at AS ExpiresAt, p.revoked_at AS RevokedAt,
               a.slug AS Slug, a.deleted_at IS NOT NULL AS Deleted, ({Published.Filter}) AS Live
        FROM preview_links p JOIN articles a ON a.id = p.article_id
        WHERE p.token_hash = @TokenHash
        """;

    /// <summary>The link whose token this is, with its article; null for an unknown token.</summary>
    public async Task<PreviewTargetRow?> TargetAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PreviewTargetRow>(new CommandDefinition(TargetSql, new { TokenHash = PreviewTokens.Hash(token), Now = DateTimeOffsetHandler.ToText(now) }, cancellationToken: cancellationToken));
    }
}

public static class PreviewLinkServices
{
    public static IServiceCollection AddPreviewLinks(this IServiceCollection services)
    {
        services.AddSingleton<PreviewLinkQueries>();
        services.AddSingleton<CreatePreviewLink>();
        services.AddSingleton<RevokePreviewLink>();
        services.AddSingleton<StaffEditLink>();
        return services;
    }
}
