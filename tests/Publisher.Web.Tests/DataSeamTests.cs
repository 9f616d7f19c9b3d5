using System.Text.RegularExpressions;

namespace Publisher.Web.Tests;

/// <summary>Nothing outside <c>Data/</c> knows which engine runs: no engine's types, no branch on the engine.</summary>
public sealed partial class DataSeamTests
{
    [Fact]
    public void No_code_outside_the_data_folder_names_an_engine()
    {
        var source = Path.Combine(PublisherFactory.RepositoryRoot, "src", "Publisher.Web");
        var data = Path.Combine(source, "Data") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(data, StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: Path.GetRelativePath(source, file), Line: index + 1, Text: line)))
            .Where(line => EngineName().IsMatch(line.Text))
            .Select(line => $"{line.File}:{line.Line}: {line.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"Microsoft\.Data\.Sqlite|\bNpgsql|\bSqlite(Connection|Exception|Database)\b|\bPostgres(Exception|Database)\b|DatabaseEngine\.(Sqlite|Postgres)|\.Engine\s*==")]
    private static partial Regex EngineName();
}
