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

    /// <summary>The absolute URL of a site-relative path (an absolute URL is returned as it is).</summary>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("http://", StringComparison.Ordinal) || path.StartsWith("https://", StringComparison.Ordinal)
            ? path
            : BaseUrl.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);
    }
}
