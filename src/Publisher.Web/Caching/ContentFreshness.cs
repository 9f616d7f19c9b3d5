using System.Runtime.CompilerServices;

namespace Publisher.Web.Caching;

/// <summary>
/// When what readers see last changed: the latest save recorded in the database (by any process), or the
/// latest publication among published articles (a scheduled one changes the site at its minute without a
/// save). Every page shows the latest articles, so this is the <c>Last-Modified</c> of every page.
/// </summary>
public sealed class ContentFreshness(ContentFreshnessQuery query, ArticleChanges changes, TimeProvider clock)
{
    private readonly LiveSnapshot<StrongBox<DateTimeOffset>> _snapshot = new(changes, clock);

    public async Task<DateTimeOffset> LastChangeAsync(CancellationToken cancellationToken)
    {
        var box = await _snapshot.GetAsync(async (now, token) =>
        {
            var (last, next) = await query.ReadAsync(now, token);
            return (new StrongBox<DateTimeOffset>(last), next);
        }, cancellationToken);
        return box.Value;
    }
}
