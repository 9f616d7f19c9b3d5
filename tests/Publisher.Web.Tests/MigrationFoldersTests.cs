using System.Globalization;

namespace Publisher.Web.Tests;

/// <summary>
/// The two engines' migration folders as the repository holds them: one schema history, so every version
/// exists on both under the same name, and nothing of SQLite's dialect slips into PostgreSQL's.
/// </summary>
public sealed class MigrationFoldersTests
{
    private static readonly string Migrations = Path.Combine(PublisherFactory.RepositoryRoot, "src", "Publisher.Web", "Data", "Migrations");

    private static readonly string[] SqliteOnly = ["AUTOINCREMENT", "WITHOUT ROWID", "fts5"];

    [Fact]
    public void Both_engines_have_the_same_migration_files()
    {
        var sqlite = FileNames("Sqlite");

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, FileNames("Postgres"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Versions_are_consecutive_from_1(string engine)
    {
        var versions = FileNames(engine)
            .Select(name => int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public void PostgreSQL_migrations_hold_no_SQLite_only_syntax()
    {
        var found = Directory.GetFiles(Path.Combine(Migrations, "Postgres"), "*.sql")
            .SelectMany(file => SqliteOnly
                .Where(word => File.ReadAllText(file).Contains(word, StringComparison.OrdinalIgnoreCase))
                .Select(word => $"{Path.GetFileName(file)}: {word}"))
            .ToList();

        Assert.Empty(found);
    }

    private static List<string> FileNames(string engine) =>
        Directory.GetFiles(Path.Combine(Migrations, engine), "*.sql")
            .Select(file => Path.GetFileName(file))
            .Order(StringComparer.Ordinal)
            .ToList();
}
