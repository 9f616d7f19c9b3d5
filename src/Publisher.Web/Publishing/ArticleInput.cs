using Publisher.Core.Content;
using Publisher.Core.Markdown;
using Publisher.Web.Media;

namespace Publisher.Web.Publishing;

/// <summary>An article as a writer hands it over: Markdown and plain fields, before rendering.</summary>
public sealed record ArticleInput(
    string Slug,
    string Title,
    string Standfirst,
    string BodyMarkdown,
    string Section,
    string Author,
    IReadOnlyList<string> Tags,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    StoredImage? Image,
    string? ImageAlt,
    string? ImageCaption,
    string? ImageCredit);

/// <summary>A dated note readers see at the end of an article: « rectificatif » or « mise-a-jour », with its reason.</summary>
public sealed record CorrectionNote(string Kind, string Reason);

/// <summary>An article rendered and ready to write, with the hash of what it was made from (null: always written).</summary>
public sealed record PreparedArticle(ArticleInput Input, RenderedMarkdown Rendered, string? SourceHash);
