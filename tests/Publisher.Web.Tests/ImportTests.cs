using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Operations;

namespace Publisher.Web.Tests;

/// <summary>The <c>import</c> command, each test against an app of its own whose database starts empty.</summary>
public sealed class ImportTests : IAsyncDisposable
{
    private readonly EmptyPublisherFactory _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(int ExitCode, string Output, string Errors)> ImportAsync(string folder)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await _app.Services.GetRequiredService<ImportCommand>().RunAsync([folder], output, errors, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), errors.ToString());
    }

    private string CopyOfContent()
    {
        var folder = Path.Combine(_app.DataFolder, "content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PublisherFactory.RepositoryRoot, "content"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Path.Combine(PublisherFactory.RepositoryRoot, "content"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }

    private async Task<long> CountAsync(string table)
    {
        _ = _app.Services; // starts the app, which creates the database
        await using var connection = _app.Database.Open();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    [Fact]
    public async Task An_import_larger_than_a_batch_writes_every_article_and_reports_its_progress_batch_by_batch()
    {
        var count = Publisher.Web.Importing.ContentImporter.BatchSize + 10;
        var folder = await TestArticles.WriteArchiveAsync(Path.Combine(_app.DataFolder, "archive"), count);
        var reports = new List<Publisher.Web.Importing.ImportProgress>();

        var summary = await _app.Services.GetRequiredService<Publisher.Web.Importing.ContentImporter>().ImportAsync(folder, TestContext.Current.CancellationToken, reports.Add);

        Assert.Equal(count, summary.Imported);
        Assert.Equal(count, await CountAsync("articles"));
        Assert.Equal([Publisher.Web.Importing.ContentImporter.BatchSize, count], reports.Select(report => report.Done));
        Assert.All(reports, report => Assert.Equal(count, report.Total));
    }

    [Fact]
    public async Task Importing_the_same_folder_twice_duplicates_nothing()
    {
        var folder = CopyOfContent();

        var first = await ImportAsync(folder);
        var afterFirst = await CountAsync("articles");
        var second = await ImportAsync(folder);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("Imported 14, updated 0, unchanged 0, failed 0.", first.Output.Trim());
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("Imported 0, updated 0, unchanged 14, failed 0.", second.Output.Trim());
        Assert.Equal(14, afterFirst);
        Assert.Equal(afterFirst, await CountAsync("articles"));
        var (response, _) = await _app.GetPageAsync("/articles/" + SampleContent.SeedSlug);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_changed_file_is_updated_and_the_page_shows_the_change()
    {
        var folder = CopyOfContent();
        await ImportAsync(folder);
        var file = Path.Combine(folder, "2026-02-03-ariane-64-premier-vol.md");
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(file, text.Replace("title: \"Ariane 64", "title: \"Corrigé : Ariane 64", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await ImportAsync(folder);

        Assert.Equal("Imported 0, updated 1, unchanged 13, failed 0.", result.Output.Trim());
        var (_, page) = await _app.GetPageAsync("/articles/ariane-64-premier-vol");
        Assert.StartsWith("Corrigé : Ariane 64", page.QuerySelector("h1")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_files_are_reported_by_name_and_the_others_still_imported()
    {
        var folder = Path.Combine(_app.DataFolder, "mixed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "a-bon.md"), """
            ---
            title: "Un article correct"
            standfirst: "Tout y est."
            section: "Télécoms"
            author: "Sophie Delorme"
            status: published
            published: 2026-10-01T10:00:00+02:00
            ---
            Du texte.
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "b-sans-titre.md"), "---\nstandfirst: \"Pas de titre.\"\nsection: Télécoms\nauthor: X\nstatus: published\npublished: 2026-10-01T10:00:00+02:00\n---\nTexte.", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "c-yaml-casse.md"), "---\ntitle: [pas fermé\n---\nTexte.", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "d-image-absente.md"), "---\ntitle: Image absente\nstandfirst: Chapô.\nsection: Spatial\nauthor: X\nstatus: draft\nimage:\n  file: images/absente.jpg\n  alt: Rien\n---\nTexte.", TestContext.Current.CancellationToken);

        var result = await ImportAsync(folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Imported 1, updated 0, unchanged 0, failed 3.", result.Output.Trim());
        Assert.Contains("b-sans-titre.md: 'title' is required", result.Errors, StringComparison.Ordinal);
        Assert.Contains("c-yaml-casse.md: front matter, line 2", result.Errors, StringComparison.Ordinal);
        Assert.Contains("d-image-absente.md: the image 'images/absente.jpg' does not exist", result.Errors, StringComparison.Ordinal);
        var (response, _) = await _app.GetPageAsync("/articles/un-article-correct");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pictures_outside_the_imported_folder_are_refused()
    {
        var folder = Path.Combine(_app.DataFolder, "escape-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(PublisherFactory.RepositoryRoot, "content", "images", "2026-02-03-ariane-64-premier-vol.jpg"), Path.Combine(_app.DataFolder, "secret.jpg"));
        await File.WriteAllTextAsync(Path.Combine(folder, "evasion.md"), "---\ntitle: Évasion\nstandfirst: Chapô.\nsection: Spatial\nauthor: X\nstatus: draft\nimage:\n  file: ../secret.jpg\n  alt: Rien\n---\nTexte.", TestContext.Current.CancellationToken);

        var result = await ImportAsync(folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("evasion.md: the image '../secret.jpg' is outside the imported folder", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_folder_the_configured_content_folder_is_imported()
    {
        _ = _app.Services; // started on an empty database, before the folder exists
        Directory.CreateDirectory(_app.ContentFolder);
        File.Copy(Path.Combine(PublisherFactory.RepositoryRoot, "content", "2026-03-30-extinction-2g-calendrier.md"), Path.Combine(_app.ContentFolder, "2g.md"));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await _app.Services.GetRequiredService<ImportCommand>().RunAsync([], output, errors, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal("Imported 1, updated 0, unchanged 0, failed 0.", output.ToString().Trim());
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error()
    {
        var result = await ImportAsync(Path.Combine(_app.DataFolder, "nulle-part"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "import", "content" }, "import", new[] { "content" }, new string[0])]
    [InlineData(new[] { "import", "content", "--ConnectionStrings:Publisher=Data Source=x.db" }, "import", new[] { "content" }, new[] { "--ConnectionStrings:Publisher=Data Source=x.db" })]
    [InlineData(new[] { "import", "--Site:BaseUrl", "https://exemple.fr", "content" }, "import", new[] { "content" }, new[] { "--Site:BaseUrl=https://exemple.fr" })]
    [InlineData(new[] { "user", "add", "a@b.fr", "--name", "Alice Martin", "--role", "editor" }, "user", new[] { "add", "a@b.fr" }, new string[0])]
    [InlineData(new[] { "--urls=http://127.0.0.1:5000" }, null, new string[0], new[] { "--urls=http://127.0.0.1:5000" })]
    public void The_command_line_separates_the_command_from_host_options(string[] args, string? name, string[] arguments, string[] hostArguments)
    {
        var (command, host) = CliCommand.Parse(args);

        Assert.Equal(name, command?.Name);
        Assert.Equal(arguments, command?.Arguments ?? []);
        Assert.Equal(hostArguments, host);
    }
}
