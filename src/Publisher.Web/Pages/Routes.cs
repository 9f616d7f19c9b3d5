namespace Publisher.Web.Pages;

/// <summary>The public addresses, in one place; the <c>@page</c> templates must match them.</summary>
public static class Routes
{
    public const string Home = "/";

    public static string Article(string slug) => "/articles/" + slug;

    public static string Section(string slug) => "/rubriques/" + slug;

    public static string Tag(string slug) => "/tags/" + slug;

    public static string Author(string slug) => "/auteurs/" + slug;

    public const string SiteFeed = "/feed.xml";

    public static string SectionFeed(string slug) => Section(slug) + "/feed.xml";

    public static string TagFeed(string slug) => Tag(slug) + "/feed.xml";

    /// <summary>Where preview links lead: never cached, listed or indexed (Articles/Preview.cshtml).</summary>
    public const string PreviewPrefix = "/apercu";

    public static string Preview(string token) => PreviewPrefix + "/" + token;
}
