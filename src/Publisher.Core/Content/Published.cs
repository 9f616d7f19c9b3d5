namespace Publisher.Core.Content;

/// <summary>
/// What readers may see: the one definition, written into every public query (pages, feeds, sitemaps,
/// search, « À lire aussi ») and into the rule that decides how far a change reaches the caches.
/// </summary>
public static class Published
{
    /// <summary>
    /// An article aliased <c>a</c> that readers see at <c>@Now</c>: a scheduled article is listed once its time has
    /// come, even before the background service marks it published; a deleted one never is. The status test
    /// is written exactly as in the partial indexes of migrations 0009 to 0011, so that the engine uses them.
    /// </summary>
    public const string Filter = "a.status IN ('published', 'scheduled') AND a.published_at <= @Now AND a.deleted_at IS NULL";

    /// <summary>An article aliased <c>a</c> that readers will see later, without anyone saving it again: its time is after <c>@Now</c>.</summary>
    public const string Upcoming = "a.status IN ('published', 'scheduled') AND a.published_at > @Now AND a.deleted_at IS NULL";
}
