using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Publisher.Core.Text;
using Publisher.Web.Content;
using Publisher.Web.Pages.Articles;

namespace Publisher.Web.Pages.Shared.Seo;

/// <summary>schema.org nodes for JSON-LD, as plain dictionaries that the layout serialises.</summary>
public static class StructuredData
{
    private const string Context = "https://schema.org";

    // French stays readable; the encoder still escapes < > & ' " so a title holding </script> cannot end the block.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON for a <c>&lt;script type="application/ld+json"&gt;</c> block, safe to write unescaped into HTML.</summary>
    public static string Serialize(object node) => JsonSerializer.Serialize(node, Json);

    public static Dictionary<string, object?> Organization(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new()
        {
            ["@context"] = Context,
            ["@type"] = "Organization",
            ["@id"] = site.Absolute("/#organisation"),
            ["name"] = site.Name,
            ["url"] = site.Absolute("/"),
            ["logo"] = Logo(site),
        };
    }

    public static Dictionary<string, object?> WebSite(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new()
        {
            ["@context"] = Context,
            ["@type"] = "WebSite",
            ["@id"] = site.Absolute("/#site"),
            ["name"] = site.Name,
            ["url"] = site.Absolute("/"),
            ["inLanguage"] = "fr-FR",
            ["publisher"] = new Dictionary<string, object?> { ["@id"] = site.Absolute("/#organisation") },
            ["potentialAction"] = new Dictionary<string, object?>
            {
                ["@type"] = "SearchAction",
                ["target"] = new Dictionary<string, object?>
                {
                    ["@type"] = "EntryPoint",
                    ["urlTemplate"] = site.Absolute("/recherche?q={search_term_string}"),
                },
                ["query-input"] = "required name=search_term_string",
            },
        };
    }

    public static Dictionary<string, object?> NewsArticle(ArticleView article, SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(site);
        var url = site.Absolute(Routes.Article(article.Slug));
        var node = new Dictionary<string, object?>
        {
            ["@context"] = Context,
            ["@type"] = "NewsArticle",
            ["@id"] = url + "#article",
            ["mainEntityOfPage"] = new Dictionary<string, object?> { ["@type"] = "WebPage", ["@id"] = url },
            ["headline"] = article.Title,
            ["description"] = article.Standfirst,
            ["datePublished"] = FrenchDates.IsoParis(article.PublishedAt),
            ["dateModified"] = FrenchDates.IsoParis(article.UpdatedAt ?? article.PublishedAt),
            ["author"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = article.AuthorName, ["url"] = site.Absolute(Routes.Author(article.AuthorSlug)) },
            ["publisher"] = new Dictionary<string, object?>
            {
                ["@type"] = "Organization",
                ["@id"] = site.Absolute("/#organisation"),
                ["name"] = site.Name,
                ["logo"] = Logo(site),
            },
            ["articleSection"] = article.SectionName,
            ["keywords"] = article.Tags.Select(tag => tag.Name).ToList(),
            ["inLanguage"] = "fr-FR",
            ["isAccessibleForFree"] = true,
        };
        if (article.Image is { Width: not null, Height: not null } image)
        {
            var stored = new StoredImage(image.Url, image.Width.Value, image.Height.Value);
            node["image"] = MediaLibrary.Variants(stored).Select(variant => new Dictionary<string, object?>
            {
                ["@type"] = "ImageObject",
                ["url"] = site.Absolute(variant.Url),
                ["width"] = variant.Width,
                ["height"] = variant.Height,
                ["caption"] = image.Caption,
                ["creditText"] = image.Credit,
            }).ToList();
        }
        return node;
    }

    /// <summary>The trail from the home page to this page, each step with its name and site-relative path.</summary>
    public static Dictionary<string, object?> Breadcrumbs(SiteOptions site, IReadOnlyList<(string Name, string Path)> steps)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(steps);
        return new()
        {
            ["@context"] = Context,
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = steps.Select((step, index) => new Dictionary<string, object?>
            {
                ["@type"] = "ListItem",
                ["position"] = index + 1,
                ["name"] = step.Name,
                ["item"] = site.Absolute(step.Path),
            }).ToList(),
        };
    }

    private static Dictionary<string, object?> Logo(SiteOptions site) => new()
    {
        ["@type"] = "ImageObject",
        ["url"] = site.Absolute("/images/logo.png"),
        ["width"] = 512,
        ["height"] = 512,
    };
}
