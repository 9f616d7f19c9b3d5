using System.ComponentModel.DataAnnotations;

namespace Publisher.Web;

/// <summary>The <c>Site</c> section of the configuration.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required]
    public string Name { get; set; } = "Publisher";

    /// <summary>The public address of the site, for absolute links (canonical, feeds, sitemaps).</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "http://localhost:5055";
}
