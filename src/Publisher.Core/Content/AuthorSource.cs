using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Publisher.Core.Content;

/// <summary>An author as described in <c>authors.yml</c> beside the articles: a name and a short biography.</summary>
public sealed record AuthorSource(string Name, string? Bio)
{
    /// <summary>The file name looked for in an imported folder.</summary>
    public const string FileName = "authors.yml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads a YAML list of <c>name</c> and <c>bio</c>.</summary>
    /// <exception cref="ArticleSourceException">The file is not valid YAML or an entry has no name.</exception>
    public static IReadOnlyList<AuthorSource> ParseList(string yaml)
    {
        List<Entry>? entries;
        try
        {
            entries = Yaml.Deserialize<List<Entry>?>(yaml);
        }
        catch (YamlException e)
        {
            throw new ArticleSourceException($"line {e.Start.Line}: {(e.InnerException?.Message ?? e.Message).Split(" on type ", 2)[0]}");
        }
        var authors = new List<AuthorSource>();
        foreach (var (entry, index) in (entries ?? []).Select((entry, index) => (entry, index)))
        {
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ArticleSourceException($"entry {index + 1}: 'name' is required");
            }
            authors.Add(new AuthorSource(entry.Name.Trim(), string.IsNullOrWhiteSpace(entry.Bio) ? null : entry.Bio.Trim()));
        }
        return authors;
    }

    private sealed class Entry
    {
        public string? Name { get; set; }
        public string? Bio { get; set; }
    }
}
