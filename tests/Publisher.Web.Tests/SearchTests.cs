using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Caching;
using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Search;
using Publisher.Web.Publishing;

namespace Publisher.Web.Tests;

public sealed class SearchTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private async Task<IHtmlDocument> SearchAsync(string query)
    {
        var (response, page) = await app.GetPageAsync("/recherche?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static IReadOnlyList<string> Results(IHtmlDocument page) => page.QuerySelector("main")!.LinkTargets(".search-results h2 a");

    [Theory]
    [InlineData("désinformation")]
    [InlineData("desinformation")]
    [InlineData("DÉSINFORMATION")]
    [InlineData("Desinformations")]
    public async Task Finds_words_whatever_their_accents_case_or_number(string query)
    {
        var page = await SearchAsync(query);

        Assert.Equal(["/articles/" + SampleContent.SeedSlug], Results(page));
    }

    [Fact]
    public async Task Every_word_must_be_present()
    {
        var both = Results(await SearchAsync("musk trump"));
        var unrelated = Results(await SearchAsync("musk rançongiciel"));

        Assert.Contains("/articles/" + SampleContent.SeedSlug, both);
        Assert.Empty(unrelated);
    }

    [Fact]
    public async Task Matching_words_are_highlighted_in_the_snippet()
    {
        var page = await SearchAsync("desinformation");

        var snippet = page.QuerySelector(".search-results .snippet")!;
        Assert.Equal(["désinformation", "désinformation"], snippet.QuerySelectorAll("mark").Select(mark => mark.TextContent));
        Assert.Contains("L’art de la", snippet.TextContent, StringComparison.Ordinal);
        Assert.Equal("Résultats pour « desinformation » – Publisher", page.Title!.Replace('\u202F', ' '));
        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("deepfakes")] // only the draft speaks of « marquage » and « deepfakes » together
    [InlineData("themis")]
    [InlineData("marquage obligatoire")]
    public async Task Drafts_and_scheduled_articles_are_never_found(string query)
    {
        var results = Results(await SearchAsync(query));

        Assert.DoesNotContain(results, link => SampleContent.Hidden.Any(hidden => link.EndsWith(hidden, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"musk")]
    [InlineData("*")]
    [InlineData("musk*")]
    [InlineData("NEAR(musk trump)")]
    [InlineData("musk NEAR trump")]
    [InlineData("-musk")]
    [InlineData("musk -trump")]
    [InlineData("((musk")]
    [InlineData("musk)")]
    [InlineData("title:musk")]
    [InlineData("musk OR trump AND NOT x")]
    [InlineData("^musk")]
    [InlineData("\u0000\u0001\u001f musk")]
    [InlineData("'; DROP TABLE articles; --")]
    public async Task Any_input_gives_a_normal_page(string query)
    {
        var page = await SearchAsync(query);

        Assert.NotNull(page.QuerySelector("main h1"));
        Assert.NotNull(page.QuerySelector("main form[role=search] input[name=q]"));
    }

    [Fact]
    public async Task A_very_long_query_gives_a_normal_page()
    {
        var page = await SearchAsync(string.Concat(Enumerable.Repeat("musk trump ", 500)));

        Assert.Contains("/articles/" + SampleContent.SeedSlug, Results(page));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public async Task An_empty_query_shows_how_to_search(string query)
    {
        var page = await SearchAsync(query);

        Assert.Equal("Rechercher", page.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".search-help"));
        Assert.Empty(Results(page));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_sending_a_plain_get()
    {
        var (_, page) = await app.GetPageAsync("/articles/" + SampleContent.SeedSlug);

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/recherche", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[type=search][name=q]"));
        Assert.Equal("Rechercher", form.QuerySelector("label")!.TextContent);
    }
}

/// <summary>Saves and deletes articles, so it has an app of its own.</summary>
public sealed class SearchIndexTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private ImportArticles Store => app.Services.GetRequiredService<ImportArticles>();

    private static ArticleInput Article(string slug, string title, string body) => new(
        slug, title, "Un chapô sans rapport.", body, "Spatial", "Julien Marchetti", ["Lanceurs"],
        ArticleStatus.Published, PublisherFactory.Today.AddHours(-3), null, null, null, null, null);

    private async Task<IReadOnlyList<string>> FindAsync(string query)
    {
        var (_, page) = await app.GetPageAsync("/recherche?q=" + Uri.EscapeDataString(query));
        return page.QuerySelector("main")!.LinkTargets(".search-results h2 a");
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_only_match()
    {
        // The body-only article says the word twice in a short text, the other once in a long title:
        // without the title's weight, the body-only one would come first.
        await Store.UpsertAsync(Article("corps-seulement", "Un lancement", "Zorglub, zorglub."), null, TestContext.Current.CancellationToken);
        await Store.UpsertAsync(Article("dans-le-titre", "Le lanceur européen Zorglub décolle enfin après trois ans de retard et deux reports", string.Join(' ', Enumerable.Repeat("Un texte qui parle d’autre chose.", 40))), null, TestContext.Current.CancellationToken);

        Assert.Equal(["/articles/dans-le-titre", "/articles/corps-seulement"], await FindAsync("zorglub"));
    }

    [Fact]
    public async Task Words_written_only_with_an_elision_or_in_the_plural_are_found()
    {
        await Store.UpsertAsync(Article("elision-pluriel", "Un essai moteur", "Le banc d’essai de l’hydrogène liquide a servi à tester deux turbopompes."), null, TestContext.Current.CancellationToken);

        Assert.Equal(["/articles/elision-pluriel"], await FindAsync("hydrogene"));
        Assert.Equal(["/articles/elision-pluriel"], await FindAsync("l’hydrogène"));
        Assert.Equal(["/articles/elision-pluriel"], await FindAsync("turbopompe"));
    }

    [Fact]
    public async Task Little_words_neither_narrow_the_search_nor_are_highlighted()
    {
        // « de » is not in this text: were it required, the article would not be found.
        await Store.UpsertAsync(Article("petits-mots", "Le zorbitron ouvre", "Le zorbitron ouvre à Rennes pour les hôpitaux."), null, TestContext.Current.CancellationToken);

        Assert.Equal(["/articles/petits-mots"], await FindAsync("zorbitron de Rennes"));
        var (_, page) = await app.GetPageAsync("/recherche?q=" + Uri.EscapeDataString("le zorbitron de Rennes"));
        var snippet = page.QuerySelector(".search-results .snippet")!;
        Assert.Equal(["zorbitron", "Rennes"], snippet.QuerySelectorAll("mark").Select(mark => mark.TextContent));
    }

    [Fact]
    public async Task The_index_follows_edits_unpublishing_and_deletions()
    {
        await Store.UpsertAsync(Article("index-suivi", "Un article sur le bidulotron", "Texte."), null, TestContext.Current.CancellationToken);
        Assert.Equal(["/articles/index-suivi"], await FindAsync("bidulotron"));

        await Store.UpsertAsync(Article("index-suivi", "Un article sur le machinotron", "Texte."), null, TestContext.Current.CancellationToken);
        Assert.Empty(await FindAsync("bidulotron"));
        Assert.Equal(["/articles/index-suivi"], await FindAsync("machinotron"));

        await Store.UpsertAsync(Article("index-suivi", "Un article sur le machinotron", "Texte.") with { Status = ArticleStatus.Draft }, null, TestContext.Current.CancellationToken);
        Assert.Empty(await FindAsync("machinotron"));

        await Store.UpsertAsync(Article("index-suivi", "Un article sur le machinotron", "Texte."), null, TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<DeleteArticle>().DeleteAsync(await app.ArticleIdAsync("index-suivi"), await AdminSession.CreateEditorIdAsync(app), TestContext.Current.CancellationToken);
        Assert.Empty(await FindAsync("machinotron"));
    }

    // Empties the index behind the site's back, as an old database would have it, and drops cached results.
    private async Task ClearIndexAsync(string where = "")
    {
        _ = app.Services; // started, and indexed, before the index is emptied
        await using (var connection = app.Database.Open())
        {
            await using var clear = connection.CreateCommand();
            clear.CommandText = "DELETE FROM article_search " + where;
            await clear.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await app.Services.GetRequiredService<ArticleChanges>().NotifyAsync(new ContentChange(ContentReach.Listed));
    }

    [Fact]
    public async Task An_empty_index_beside_articles_is_built_at_start_up()
    {
        var index = app.Services.GetRequiredService<SearchIndex>();
        await ClearIndexAsync();
        Assert.Empty(await FindAsync("désinformation"));

        Assert.True(await index.EnsureBuiltAsync(TestContext.Current.CancellationToken));
        Assert.False(await index.EnsureBuiltAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["/articles/" + SampleContent.SeedSlug], await FindAsync("désinformation"));
    }

    [Fact]
    public async Task An_index_missing_only_some_articles_is_left_to_the_reindex_command()
    {
        var index = app.Services.GetRequiredService<SearchIndex>();
        // FTS5 keys its rows by rowid; PostgreSQL's table by article_id.
        var key = app.Database.Engine == DatabaseEngine.Sqlite ? "rowid" : "article_id";
        await ClearIndexAsync($"WHERE {key} = " + await app.ArticleIdAsync(SampleContent.SeedSlug));

        // Only rows written around the site can be missing: starting does not count every article to find them.
        Assert.False(await index.EnsureBuiltAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await FindAsync("désinformation"));

        using var output = new StringWriter();
        var exitCode = await app.Services.GetRequiredService<ReindexCommand>().RunAsync(output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Search index rebuilt: ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["/articles/" + SampleContent.SeedSlug], await FindAsync("désinformation"));
    }
}
