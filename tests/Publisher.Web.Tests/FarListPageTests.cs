using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Web.Importing;
using Publisher.Web.Pages.Admin.Articles;
using Publisher.Web.Pages.Shared.Listing;

namespace Publisher.Web.Tests;

/// <summary>
/// Every page of long lists, to the last: the articles readers may see, ten to a page, newest first, with the
/// hidden ones (drafts, deleted, unpublished, scheduled for later) skipped wherever they fall. How fast a far page
/// answers is tests/Publisher.Benchmarks' business: load.sh times the home page's last page.
/// </summary>
public sealed class FarListPageTests(FarListPageTests.Archive app) : IClassFixture<FarListPageTests.Archive>
{
    /// <summary>An empty app given 150 articles, the hidden ones among them.</summary>
    public sealed class Archive : PublisherFactory, IAsyncLifetime
    {
        public override string ContentFolder => Path.Combine(DataFolder, "no-content");

        /// <summary>Every article written, in the order written (so by id); those readers may see are <see cref="Seed.Listed"/>.</summary>
        public IReadOnlyList<Seed> Seeds { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            var store = Services.GetRequiredService<ImportArticles>();
            var editor = await AdminSession.CreateEditorIdAsync(this);
            var seeds = new List<Seed>();
            var fullPages = 0;
            for (var i = 0; i < 150; i++)
            {
                var kind = KindOf(i);
                // Every fifth article shares the previous one's minute: ties are listed newest written first.
                var published = PublisherFactory.Today.AddHours(-(i - (i % 5 == 4 ? 1 : 0)));
                if (kind == Kind.ScheduledForLater)
                {
                    published = PublisherFactory.Today.AddHours(i);
                }
                var section = i % 3 == 1 ? "Télécoms" : "Spatial";
                var author = i % 4 == 2 ? "Julien Marchetti" : "Camille Renaud";
                var tags = new List<string>();
                if (i % 2 == 0)
                {
                    tags.Add("Fusées");
                }
                // A tag whose listed articles fill three pages exactly, hidden ones among and after them.
                var listed = Seed.IsListed(kind);
                if (!listed || fullPages < 3 * ArticlePage.Size)
                {
                    tags.Add("Pages pleines");
                    fullPages += listed ? 1 : 0;
                }
                var seed = new Seed($"archive-{i:000}", kind, published, section, author, tags);
                seeds.Add(seed);

                var input = TestArticles.Input(seed.Slug, $"Article d’archive {i}", published, section: section) with { Author = author, Tags = tags };
                switch (kind)
                {
                    case Kind.Listed:
                        await store.UpsertAsync(input, null, TestContext.Current.CancellationToken);
                        break;
                    case Kind.ScheduledAndDue:
                    case Kind.ScheduledForLater:
                        await store.UpsertAsync(input with { Status = ArticleStatus.Scheduled }, null, TestContext.Current.CancellationToken);
                        break;
                    case Kind.Draft:
                        await store.UpsertAsync(input with { Status = ArticleStatus.Draft }, null, TestContext.Current.CancellationToken);
                        break;
                    case Kind.Unpublished:
                        await store.UpsertAsync(input, null, TestContext.Current.CancellationToken);
                        await store.UpsertAsync(input with { Status = ArticleStatus.Draft }, null, TestContext.Current.CancellationToken);
                        break;
                    case Kind.Deleted:
                        await store.UpsertAsync(input, null, TestContext.Current.CancellationToken);
                        Assert.True(await Services.GetRequiredService<DeleteArticle>().DeleteAsync(await ArticleIdAsync(seed.Slug), editor, TestContext.Current.CancellationToken));
                        break;
                    case Kind.Redated:
                        // First the newest of all, then moved back to its place in the archive.
                        await store.UpsertAsync(input with { PublishedAt = PublisherFactory.Today.AddMinutes(-1) }, null, TestContext.Current.CancellationToken);
                        await store.UpsertAsync(input, null, TestContext.Current.CancellationToken);
                        break;
                    default:
                        throw new InvalidOperationException(kind.ToString());
                }
            }
            Seeds = seeds;
        }

        private static Kind KindOf(int i) => i switch
        {
            _ when i % 7 == 3 => Kind.Draft,
            _ when i % 7 == 5 => Kind.Deleted,
            _ when i % 11 == 6 => Kind.Unpublished,
            _ when i % 13 == 9 => Kind.ScheduledForLater,
            _ when i % 17 == 8 => Kind.ScheduledAndDue,
            _ when i % 19 == 12 => Kind.Redated,
            _ => Kind.Listed,
        };
    }

    public enum Kind
    {
        Listed,
        Draft,
        Deleted,
        Unpublished,
        ScheduledForLater,
        ScheduledAndDue,
        Redated,
    }

    public sealed record Seed(string Slug, Kind Kind, DateTimeOffset Published, string Section, string Author, IReadOnlyList<string> Tags)
    {
        public bool Listed => IsListed(Kind);

        public static bool IsListed(Kind kind) => kind is Kind.Listed or Kind.ScheduledAndDue or Kind.Redated;
    }

    public static TheoryData<string> Lists() =>
    [
        "/",
        "/rubriques/spatial",
        "/rubriques/telecoms",
        "/auteurs/camille-renaud",
        "/auteurs/julien-marchetti",
        "/tags/fusees",
        "/tags/pages-pleines",
    ];

    /// <summary>What a list shows, in order: the articles readers may see that belong to it, newest first, ties newest written first.</summary>
    private List<string> Expected(string list)
    {
        Func<Seed, bool> belongs = list switch
        {
            "/" => _ => true,
            "/rubriques/spatial" => seed => seed.Section == "Spatial",
            "/rubriques/telecoms" => seed => seed.Section == "Télécoms",
            "/auteurs/camille-renaud" => seed => seed.Author == "Camille Renaud",
            "/auteurs/julien-marchetti" => seed => seed.Author == "Julien Marchetti",
            "/tags/fusees" => seed => seed.Tags.Contains("Fusées"),
            "/tags/pages-pleines" => seed => seed.Tags.Contains("Pages pleines"),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
        return app.Seeds.Select((seed, written) => (seed, written))
            .Where(article => article.seed.Listed && belongs(article.seed))
            .OrderByDescending(article => article.seed.Published).ThenByDescending(article => article.written)
            .Select(article => "/articles/" + article.seed.Slug)
            .ToList();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_page_to_the_last_shows_the_next_ten_articles_readers_may_see_newest_first(string list)
    {
        var expected = Expected(list);
        var pages = (expected.Count + ArticlePage.Size - 1) / ArticlePage.Size;
        Assert.True(pages >= 3, $"{list} has {expected.Count} articles: too few for far pages");

        for (var number = 1; number <= pages; number++)
        {
            var path = number == 1 ? list : $"{list}?page={number}";
            var (response, page) = await app.GetPageAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected.Skip((number - 1) * ArticlePage.Size).Take(ArticlePage.Size), page.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
            var older = page.QuerySelector("nav.pagination a[rel=next]");
            if (number < pages)
            {
                Assert.NotNull(older);
                Assert.Equal("Articles plus anciens →", older.Text());
                Assert.Equal($"{list}?page={number + 1}", older.GetAttribute("href"));
            }
            else
            {
                Assert.Null(older);
            }
            var newer = page.QuerySelector("nav.pagination a[rel=prev]");
            Assert.Equal(number > 1, newer is not null);
        }
        var (after, _) = await app.GetPageAsync($"{list}?page={pages + 1}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_list_whose_articles_fill_its_pages_exactly_ends_on_a_full_page_with_no_older_link()
    {
        Assert.Equal(3 * ArticlePage.Size, Expected("/tags/pages-pleines").Count);

        var (_, last) = await app.GetPageAsync("/tags/pages-pleines?page=3");

        Assert.Equal(ArticlePage.Size, last.QuerySelector("main")!.LinkTargets(".article-list h2 a").Count);
        Assert.Null(last.QuerySelector("nav.pagination a[rel=next]"));
    }

    [Fact]
    public async Task No_hidden_article_appears_on_any_page_of_the_home_page()
    {
        var hidden = app.Seeds.Where(seed => !seed.Listed).Select(seed => "/articles/" + seed.Slug).ToList();
        Assert.All(Enum.GetValues<Kind>(), kind => Assert.Contains(app.Seeds, seed => seed.Kind == kind));

        var shown = new List<string>();
        for (var number = 1; ; number++)
        {
            var (response, page) = await app.GetPageAsync($"/?page={number}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }
            shown.AddRange(page.QuerySelector("main")!.LinkTargets(".article-list h2 a"));
        }

        Assert.Empty(shown.Intersect(hidden));
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal(app.Seeds.Count(seed => seed.Listed), shown.Count);
    }
}
