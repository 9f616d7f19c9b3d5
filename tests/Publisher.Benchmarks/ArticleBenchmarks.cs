using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Web;
using Publisher.Web.Data;
using Publisher.Web.Importing;
using Publisher.Web.Publishing;

namespace Publisher.Benchmarks;

/// <summary>
/// The work done once per article at save or import time, so that pages never do it: the Markdown pipeline
/// (Markdig, sanitising, typography) on the sample article that started the project, and the import of one
/// article (parse, render, write in its own transaction) into a real SQLite file.
/// </summary>
[MemoryDiagnoser]
public class ArticleBenchmarks : IDisposable
{
    private readonly ArticleMarkdown _markdown = new();
    private string _text = "";
    private ArticleSource _source = null!;
    private string _folder = "";
    private WebApplication _app = null!;
    private ImportArticles _store = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        var seed = Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "content"), "*elon-musk*.md").Single();
        _text = await File.ReadAllTextAsync(seed);
        _source = ArticleSource.Parse(_text);
        _folder = Path.Combine(Path.GetTempPath(), "publisher-benchmark-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Publisher"] = $"Data Source={Path.Combine(_folder, "publisher.db")}",
            ["Media:Path"] = Path.Combine(_folder, "media"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        _app = builder.AddPublisher().Build();
        await _app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        _store = _app.Services.GetRequiredService<ImportArticles>();
    }

    [Benchmark]
    public RenderedMarkdown RenderSampleArticle() => _markdown.Render(_source.Body);

    private static readonly string FortyThousandDivs = string.Concat(Enumerable.Repeat("<div>", 40_000));

    private static readonly string EighteenThousandParagraphs = string.Concat(Enumerable.Repeat("<div>Un paragraphe.</div>\n", 18_000));

    /// <summary>The preview that took 9 s of CPU (issue 17): now refused before any HTML is parsed.</summary>
    [Benchmark]
    public string RefuseFortyThousandNestedDivs()
    {
        try
        {
            return _markdown.Render(FortyThousandDivs).Html;
        }
        catch (MarkdownTooComplexException e)
        {
            return e.Message;
        }
    }

    /// <summary>A long flat body near the size limit: rendered in time linear in its length.</summary>
    [Benchmark]
    public RenderedMarkdown RenderEighteenThousandSiblingParagraphs() => _markdown.Render(EighteenThousandParagraphs);

    [Benchmark]
    public async Task<SaveOutcome> ImportOneArticle()
    {
        var source = ArticleSource.Parse(_text);
        var input = new ArticleInput(source.Slug, source.Title, source.Standfirst, source.Body, source.Section, source.Author, source.Tags,
            source.Status, source.Published, source.Updated, null, null, null, null);
        return await _store.UpsertAsync(input, sourceHash: null, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        (_app as IDisposable)?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
