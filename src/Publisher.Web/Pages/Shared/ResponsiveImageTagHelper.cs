using Microsoft.AspNetCore.Razor.TagHelpers;
using Publisher.Web.Media;

namespace Publisher.Web.Pages.Shared;

/// <summary>
/// <c>&lt;img responsive="@stored" sizes="…"&gt;</c> becomes a <c>&lt;picture&gt;</c> offering WebP and the
/// original format in every stored width, so that phones download the small file.
/// </summary>
[HtmlTargetElement("img", Attributes = "responsive", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ResponsiveImageTagHelper : TagHelper
{
    public StoredImage? Responsive { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Responsive is null)
        {
            return;
        }
        var (original, webp) = PictureSizes.SourceSets(Responsive);
        var sizes = output.Attributes.TryGetAttribute("sizes", out var attribute) ? attribute.Value.ToString() : "100vw";
        output.Attributes.SetAttribute("src", Responsive.Url);
        output.Attributes.SetAttribute("srcset", original);
        output.Attributes.SetAttribute("width", Responsive.Width);
        output.Attributes.SetAttribute("height", Responsive.Height);
        output.PreElement.AppendHtml("<picture>");
        output.PreElement.AppendHtml($"<source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\">");
        output.PostElement.AppendHtml("</picture>");
    }
}
