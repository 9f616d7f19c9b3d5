using Publisher.Core.Content;
using Publisher.Core.Search;
using Publisher.Web.Data;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Pages.Search;

public sealed class SearchResultRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Standfirst { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public string SectionSlug { get; init; } = "";
    public string SectionName { get; init; } = "";
    public string BodyText { get; init; } = "";
}

public sealed record SearchResultView(SearchResultRow Article, IReadOnlyList<SnippetPart> Snippet);

public sealed record SearchPage(IReadOnlyList<SearchResultView> Results, int PageNumber, bool HasMore);

public sealed class SearchQueries(IReadSessions reads)
{
    /// <summary>
    /// Ranking scores every article it is given: a word found in tens of thousands of articles is ranked among
    /// its most recent matches only (by id, which grows as articles are written), so that a search costs the
    /// same in a large archive as in a small one.
    /// </summary>
    public const int RankedMatches = 2000;

    // Leeway for matches readers may not see (drafts, deleted articles) among the best ranked.
    private const int UnlistedLeeway = 100;

    // On PostgreSQL, plainto_tsquery reads the FTS5 expression's quotes as punctuation: « "musk" "trump" »
    // becomes 'musk' & 'trump', every term required as in FTS5, and no word (« or », « not ») is an operator.
    // The query sits in a subquery so that the planner cannot see the words: it then always takes the GIN
    // index (with the id range, for ranking). Seeing them, it walks ids down checking each article's document,
    // one read from TOAST each: 150 ms for a word in one article out of ten at 100,000, against 10 by the index.
    private static readonly EngineSql RankFloorSql = new(
        Sqlite: $"SELECT rowid FROM article_search WHERE article_search MATCH @Match ORDER BY rowid DESC LIMIT 1 OFFSET {RankedMatches - 1}",
        Postgres: $"""
            SELECT article_id FROM article_search WHERE document @@ (SELECT plainto_tsquery('simple', @Match))
            ORDER BY article_id DESC LIMIT 1 OFFSET {RankedMatches - 1}
            """);

    // The index ranks first, alone, and only its best (the page plus a leeway) are read from the articles
    // table. Column weights: title 10, tags 6, standfirst 4, body 1: a word in the title counts ten times one in
    // the body. bm25 is lower for a better match; ts_rank_cd is higher, takes the weights of D, C, B, A (body,
    // standfirst, tags, title) as SearchIndex marks them, and divides by the log of the article's length (1),
    // as bm25 tempers long articles: on the benchmark's archive, 14 of its 22 queries then have the same first
    // result on both engines, against 6 without. Equal scores give the newest article first.
    private static readonly EngineSql SearchSql = new(
        Sqlite: RankedPage(
            ranked: """
                SELECT rowid AS id, bm25(article_search, 10.0, 4.0, 1.0, 6.0) AS score
                FROM article_search
                WHERE article_search MATCH @Match AND rowid >= @Floor
                ORDER BY score
                """,
            bestFirst: "r.score"),
        Postgres: RankedPage(
            ranked: """
                SELECT article_id AS id, ts_rank_cd(ARRAY[0.1, 0.4, 0.6, 1.0]::real[], document, (SELECT plainto_tsquery('simple', @Match)), 1) AS score
                FROM article_search
                WHERE document @@ (SELECT plainto_tsquery('simple', @Match)) AND article_id >= @Floor
                ORDER BY score DESC, article_id DESC
                """,
            bestFirst: "r.score DESC"));

    // The engine ranks its matches; the page, with what readers may see of it, is read the same way on both.
    private static string RankedPage(string ranked, string bestFirst) => $"""
        WITH ranked AS MATERIALIZED (
            {ranked}
            LIMIT {ArticlePage.Size + 1 + UnlistedLeeway} + @Offset
        )
        SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.standfirst AS Standfirst, a.published_at AS PublishedAt,
               s.slug AS SectionSlug, s.name AS SectionName, a.body_text AS BodyText
        FROM ranked r
        JOIN articles a ON a.id = r.id
        JOIN sections s ON s.id = a.section_id
        WHERE {Published.Filter}
        ORDER BY {bestFirst}, a.published_at DESC, a.id DESC
        LIMIT {ArticlePage.Size + 1} OFFSET @Offset
        """;

    /// <summary>Published articles holding every term, best first. The terms come from <see cref="SearchText.Terms"/>.</summary>
    public async Task<SearchPage> SearchAsync(IReadOnlyList<string> terms, int pageNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return new SearchPage([], pageNumber, false);
        }
        var match = MatchExpression(terms);
        var floor = await reads.QueryFirstOrDefaultAsync<long?>(RankFloorSql, [new("Match", match)], cancellationToken);
        var rows = await reads.QueryAsync<SearchResultRow>(SearchSql,
            [
                new("Match", match),
                new("Floor", floor ?? 0),
                new("Now", DateTimeOffsetHandler.ToText(now)),
                new("Offset", ArticlePage.Offset(pageNumber)),
            ], cancellationToken);
        var results = rows.Take(ArticlePage.Size)
            .Select(row => new SearchResultView(row, Snippet.Build(row.Standfirst + "\n" + row.BodyText, terms)))
            .ToList();
        return new SearchPage(results, pageNumber, rows.Count > ArticlePage.Size);
    }

    // Each term becomes an FTS5 string literal, so nothing a reader types is ever read as query syntax
    // (NEAR, *, -, parentheses, column filters). Terms hold only letters and digits already.
    private static string MatchExpression(IReadOnlyList<string> terms) =>
        string.Join(' ', terms.Select(term => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
