using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Publisher.Web.Pages.Shared.Seo;

/// <summary>
/// schema.org nodes as JSON-LD, each returned as the content of one <c>&lt;script type="application/ld+json"&gt;</c>
/// block, as HTML that needs no further escaping. Written field by field: every page carries one or two of them,
/// and serialising dictionaries by reflection cost about 5 % of rendering an article.
/// </summary>
public static class StructuredData
{
    private const string Context = "https://schema.org";

    // French stays readable; the encoder still escapes < > & ' " so a title holding </script> cannot end the block.
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static HtmlString Organization(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Write("Organization", json =>
        {
            json.WriteString("@id", site.Absolute("/#organisation"));
            json.WriteString("name", site.Name);
            json.WriteString("url", site.Absolute("/"));
            WriteLogo(json, site);
        });
    }

    public static HtmlString WebSite(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Write("WebSite", json =>
        {
            json.WriteString("@id", site.Absolute("/#site"));
            json.WriteString("name", site.Name);
            json.WriteString("url", site.Absolute("/"));
            json.WriteString("inLanguage", "fr-FR");
            json.WriteStartObject("publisher");
            json.WriteString("@id", site.Absolute("/#organisation"));
            json.WriteEndObject();
            json.WriteStartObject("potentialAction");
            json.WriteString("@type", "SearchAction");
            json.WriteStartObject("target");
            json.WriteString("@type", "EntryPoint");
            json.WriteString("urlTemplate", site.Absolute("/recherche?q={search_term_string}"));
            json.WriteEndObject();
            json.WriteString("query-input", "required name=search_term_string");
            json.WriteEndObject();
        });
    }

    /// <summary>The trail from the home page to this page, each step with its name and site-relative path.</summary>
    public static HtmlString Breadcrumbs(SiteOptions site, IReadOnlyList<(string Name, string Path)> steps)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(steps);
        return Write("BreadcrumbList", json =>
        {
            json.WriteStartArray("itemListElement");
            for (var i = 0; i < steps.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("@type", "ListItem");
                json.WriteNumber("position", i + 1);
                json.WriteString("name", steps[i].Name);
                json.WriteString("item", site.Absolute(steps[i].Path));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>One node of <paramref name="type"/>, its fields written by <paramref name="writeFields"/>.</summary>
    public static HtmlString Write(string type, Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            json.WriteStartObject();
            json.WriteString("@context", Context);
            json.WriteString("@type", type);
            writeFields(json);
            json.WriteEndObject();
        }
        return new HtmlString(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The publisher's logo, as every node naming the organisation gives it.</summary>
    public static void WriteLogo(Utf8JsonWriter json, SiteOptions site)
    {
        json.WriteStartObject("logo");
        json.WriteString("@type", "ImageObject");
        json.WriteString("url", site.Absolute("/images/logo.png"));
        json.WriteNumber("width", 512);
        json.WriteNumber("height", 512);
        json.WriteEndObject();
    }

    public static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
