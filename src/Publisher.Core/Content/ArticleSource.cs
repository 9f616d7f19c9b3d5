using System.Globalization;
using Publisher.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Publisher.Core.Content;

/// <summary>Where an article stands in its life: only published ones whose time has come are shown to readers.</summary>
public enum ArticleStatus
{
    /// <summary>Being written; never shown.</summary>
    Draft,

    /// <summary>Shown from its publication time on.</summary>
    Scheduled,

    /// <summary>Shown.</summary>
    Published,
}

/// <summary>The hero picture of an article, with its words for readers.</summary>
/// <param name="File">Path of the picture, relative to the Markdown file.</param>
/// <param name="Alt">What the picture shows, for readers who cannot see it.</param>
/// <param name="Caption">The caption under the picture.</param>
/// <param name="Credit">Who made it, printed as « Photo : … ».</param>
public sealed record ImageSource(string File, string Alt, string? Caption, string? Credit);

/// <summary>An article as written in a Markdown file with YAML front matter.</summary>
public sealed record ArticleSource(
    string Slug,
    string Title,
    string Standfirst,
    string Section,
    IReadOnlyList<string> Tags,
    string Author,
    ArticleStatus Status,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    ImageSource? Image,
    string Body)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads a Markdown file with front matter between two <c>---</c> lines.</summary>
    /// <exception cref="ArticleSourceException">The front matter is missing, is not valid YAML, or lacks a required field.</exception>
    public static ArticleSource Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (yaml, body) = Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'));
        FrontMatter matter;
        try
        {
            matter = Yaml.Deserialize<FrontMatter?>(yaml) ?? new FrontMatter();
        }
        catch (YamlException e)
        {
            // The line is counted from the top of the file: the front matter starts on line 2.
            var reason = e is SyntaxErrorException or SemanticErrorException
                ? e.Message
                : (e.InnerException?.Message ?? e.Message).Split(" on type ", 2)[0];
            throw new ArticleSourceException($"front matter, line {e.Start.Line + 1}: {reason}");
        }
        return matter.ToSource(body.Trim('\n'));
    }

    private static (string Yaml, string Body) Split(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new ArticleSourceException("the file must start with front matter: a line '---', YAML fields, then another '---'");
        }
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0 && end + 4 < text.Length && text[end + 4] is not '\n')
        {
            end = text.IndexOf("\n---", end + 4, StringComparison.Ordinal);
        }
        if (end < 0)
        {
            throw new ArticleSourceException("the front matter is not closed by a line '---'");
        }
        return (text[4..(end + 1)], end + 4 < text.Length ? text[(end + 5)..] : "");
    }

    private sealed class FrontMatter
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Standfirst { get; set; }
        public string? Section { get; set; }
        public List<string>? Tags { get; set; }
        public string? Author { get; set; }
        public string? Status { get; set; }
        public string? Published { get; set; }
        public string? Updated { get; set; }
        public ImageMatter? Image { get; set; }

        public ArticleSource ToSource(string body)
        {
            var errors = new List<string>();
            var title = Required(Title, "title", errors);
            var standfirst = Required(Standfirst, "standfirst", errors);
            var section = Required(Section, "section", errors);
            var author = Required(Author, "author", errors);
            var status = ParseStatus(Status, errors);
            var published = ParseDate(Published, "published", errors);
            var updated = ParseDate(Updated, "updated", errors);
            if (status is not ArticleStatus.Draft && Published is null)
            {
                errors.Add($"'published' is required when status is {Status}");
            }
            if (published is not null && updated is not null && updated < published)
            {
                errors.Add("'updated' is earlier than 'published'");
            }
            var slug = string.IsNullOrWhiteSpace(Slug) ? Text.Slug.From(title) : Slug.Trim();
            if (!Text.Slug.IsValid(slug))
            {
                errors.Add($"'slug' must be lower-case letters, digits and single hyphens (for example '{Text.Slug.From(Slug ?? title)}')");
            }
            var tags = (Tags ?? []).Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim()).ToList();
            if (tags.Any(tag => Text.Slug.From(tag).Length == 0))
            {
                errors.Add("every tag needs at least one letter or digit");
            }
            // Sections and authors get a page of their own, whose address is made from the name.
            if (section.Length > 0 && Text.Slug.From(section).Length == 0)
            {
                errors.Add($"'section' needs at least one letter or digit, not '{section}'");
            }
            if (author.Length > 0 && Text.Slug.From(author).Length == 0)
            {
                errors.Add($"'author' needs at least one letter or digit, not '{author}'");
            }
            var image = Image?.ToSource(errors);
            if (errors.Count > 0)
            {
                throw new ArticleSourceException(string.Join("; ", errors));
            }
            return new ArticleSource(slug, title, standfirst, section, tags, author, status, published, updated, image, body);
        }

        private static string Required(string? value, string name, List<string> errors)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"'{name}' is required");
                return "";
            }
            return value.Trim();
        }

        private static ArticleStatus ParseStatus(string? value, List<string> errors)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case "draft":
                    return ArticleStatus.Draft;
                case "scheduled":
                    return ArticleStatus.Scheduled;
                case "published":
                    return ArticleStatus.Published;
                case null or "":
                    errors.Add("'status' is required (draft, scheduled or published)");
                    return ArticleStatus.Draft;
                default:
                    errors.Add($"'status' must be draft, scheduled or published, not '{value}'");
                    return ArticleStatus.Draft;
            }
        }

        // A time written without an offset is Paris time, as the newsroom means it.
        private static DateTimeOffset? ParseDate(string? value, string name, List<string> errors)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            var text = value.Trim();
            string[] withOffset = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];
            string[] local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
            if (DateTimeOffset.TryParseExact(text, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant.ToUniversalTime();
            }
            if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var paris))
            {
                if (FrenchDates.Paris.IsInvalidTime(paris))
                {
                    errors.Add($"'{name}' is {text}, a time that does not exist in Paris (the clocks jump forward an hour that night)");
                    return null;
                }
                return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(paris, FrenchDates.Paris), TimeSpan.Zero);
            }
            errors.Add($"'{name}' is not a date: '{text}' (expected for example 2026-03-14T09:05:00+01:00)");
            return null;
        }
    }

    private sealed class ImageMatter
    {
        public string? File { get; set; }
        public string? Alt { get; set; }
        public string? Caption { get; set; }
        public string? Credit { get; set; }

        public ImageSource ToSource(List<string> errors)
        {
            if (string.IsNullOrWhiteSpace(File))
            {
                errors.Add("'image.file' is required when there is an image");
            }
            if (string.IsNullOrWhiteSpace(Alt))
            {
                errors.Add("'image.alt' is required: describe the picture for readers who cannot see it");
            }
            return new ImageSource(File?.Trim() ?? "", Alt?.Trim() ?? "", Blank(Caption), Blank(Credit));
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

/// <summary>An article file that cannot be imported, with the reason in words an operator can act on.</summary>
public sealed class ArticleSourceException : Exception
{
    /// <summary>Creates the exception with its reason.</summary>
    public ArticleSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with no reason.</summary>
    public ArticleSourceException()
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public ArticleSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
