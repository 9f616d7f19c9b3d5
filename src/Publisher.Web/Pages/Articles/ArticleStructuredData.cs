using Microsoft.AspNetCore.Html;
using Publisher.Core.Text;
using Publisher.Web.Media;
using Publisher.Web.Pages.Shared.Seo;

namespace Publisher.Web.Pages.Articles;

/// <summary>An article's schema.org <c>NewsArticle</c> node, written as <see cref="StructuredData"/> writes every node.</summary>
public static class ArticleStructuredData
{
    // bodyImages: the images of the text the library holds, as ImageObjects after the main image's crops.
    public static HtmlString NewsArticle(ArticleView article, SiteOptions site, IReadOnlyList<BodyPictureRow>? bodyImages = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(site);
        var url = site.Absolute(Routes.Article(article.Slug));
        return StructuredData.Write("NewsArticle", json =>
        {
            json.WriteString("@id", url + "#article");
            json.WriteStartObject("mainEntityOfPage");
            json.WriteString("@type", "WebPage");
            json.WriteString("@id", url);
            json.WriteEndObject();
            json.WriteString("headline", article.Title);
            json.WriteString("description", article.Standfirst);
            json.WriteString("datePublished", FrenchDates.IsoParis(article.PublishedAt));
            json.WriteString("dateModified", FrenchDates.IsoParis(article.UpdatedAt ?? article.PublishedAt));
            json.WriteStartObject("author");
            json.WriteString("@type", "Person");
            json.WriteString("name", article.AuthorName);
            json.WriteString("url", site.Absolute(Routes.Author(article.AuthorSlug)));
            json.WriteEndObject();
            json.WriteStartObject("publisher");
            json.WriteString("@type", "Organization");
            json.WriteString("@id", site.Absolute("/#organisation"));
            json.WriteString("name", site.Name);
            StructuredData.WriteLogo(json, site);
            json.WriteEndObject();
            json.WriteString("articleSection", article.SectionName);
            json.WriteStartArray("keywords");
            foreach (var tag in article.Tags)
            {
                json.WriteStringValue(tag.Name);
            }
            json.WriteEndArray();
            json.WriteString("inLanguage", "fr-FR");
            json.WriteBoolean("isAccessibleForFree", true);
            var hero = article.Image is { Width: not null, Height: not null } ? article.Image : null;
            bodyImages ??= [];
            if (hero is not null || bodyImages.Count > 0)
            {
                json.WriteStartArray("image");
            }
            if (hero is { Width: not null, Height: not null } image)
            {
                foreach (var variant in PictureSizes.Crops(new StoredImage(image.Url, image.Width.Value, image.Height.Value)))
                {
                    json.WriteStartObject();
                    json.WriteString("@type", "ImageObject");
                    json.WriteString("url", site.Absolute(variant.Url));
                    json.WriteNumber("width", variant.Width);
                    json.WriteNumber("height", variant.Height);
                    StructuredData.WriteIfPresent(json, "caption", image.Caption);
                    StructuredData.WriteIfPresent(json, "creditText", image.Credit);
                    json.WriteEndObject();
                }
            }
            foreach (var picture in bodyImages)
            {
                json.WriteStartObject();
                json.WriteString("@type", "ImageObject");
                json.WriteString("url", site.Absolute(picture.Url));
                json.WriteNumber("width", picture.Width);
                json.WriteNumber("height", picture.Height);
                StructuredData.WriteIfPresent(json, "caption", picture.Caption);
                StructuredData.WriteIfPresent(json, "creditText", picture.Credit);
                json.WriteEndObject();
            }
            if (hero is not null || bodyImages.Count > 0)
            {
                json.WriteEndArray();
            }
        });
    }
}
