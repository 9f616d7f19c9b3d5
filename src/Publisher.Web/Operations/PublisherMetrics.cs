using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;
using Publisher.Web.Data;
using Publisher.Web.Http;

namespace Publisher.Web.Operations;

/// <summary>What a request got from the page cache; set on the request by the cache's policy, read once it is answered.</summary>
public sealed class PageCacheOutcome
{
    /// <summary>Answered from memory.</summary>
    public static readonly PageCacheOutcome Hit = new(1);

    /// <summary>Not in memory: rendered, and kept for the next reader.</summary>
    public static readonly PageCacheOutcome Miss = new(2);

    private PageCacheOutcome(int index) => Index = index;

    /// <summary>0 is « none »: neither served from the cache nor kept in it (admin, pictures, errors, cache off).</summary>
    internal int Index { get; }
}

public enum SignInFailure
{
    UnknownAccount,
    WrongPassword,
    LockedOut,
}

/// <summary>
/// Every instrument the site exports at <c>/metrics</c> (<see cref="MetricsEndpoint"/>), in a registry of its own: the
/// library's default registry would also start its adapters of .NET's meters and event counters, which turn on
/// ASP.NET Core's own per-request instruments and tags (a cost on every cached page) for series nobody asked for.
/// Labelled series are resolved once here, so that counting a request indexes arrays and adds to two numbers.
/// </summary>
public sealed class PublisherMetrics : IDisposable
{
    private static readonly string[] CacheLabels = ["none", "hit", "miss"];
    private static readonly string[] StatusLabels = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private static readonly string[] EvictionScopes = ["every_page", "lists", "article"];

    // A cached page takes well under a millisecond, a rendered one a few, a search or a sign-in (hashing) more.
    private static readonly double[] RequestBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DatabaseBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter.Child[] _requests;
    private readonly Histogram.Child[] _requestDurations;
    private readonly Counter.Child[] _evictions;
    private readonly Counter.Child[] _signInFailures;
    private readonly Counter _signInLockouts;
    private readonly Histogram _changeNoticeLag;
    private readonly Gauge _listening;
    private readonly Gauge _schedulerHeld;
    private readonly MeterListener? _databaseListener;

    public PublisherMetrics(IOptions<MetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Value.Enabled;
        Registry = Metrics.NewCustomRegistry();
        // Process CPU, memory, threads, start time and GC counts: read when scraped, nothing on the requests' path.
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        // No exemplars: the text format does not carry them, and the default provider reads the trace on every count.
        factory.ExemplarBehavior = new ExemplarBehavior { DefaultExemplarProvider = null };

        var kinds = Enum.GetValues<PageKind>();
        var requests = factory.CreateCounter("publisher_http_requests_total",
            "Requests answered, by kind of page, status class, and whether the page cache answered (hit), rendered a page it kept (miss) or neither (none).",
            ["kind", "status", "cache"], new CounterConfiguration { SuppressInitialValue = true });
        var durations = factory.CreateHistogram("publisher_http_request_duration_seconds",
            "Time to answer a request, by kind of page and page cache outcome; cache=\"miss\" is the time to render a page.",
            ["kind", "cache"], new HistogramConfiguration { Buckets = RequestBuckets, SuppressInitialValue = true });
        _requests = new Counter.Child[kinds.Length * StatusLabels.Length * CacheLabels.Length];
        _requestDurations = new Histogram.Child[kinds.Length * CacheLabels.Length];
        foreach (var kind in kinds)
        {
            for (var cache = 0; cache < CacheLabels.Length; cache++)
            {
                _requestDurations[((int)kind * CacheLabels.Length) + cache] = durations.WithLabels(PageKinds.Label(kind), CacheLabels[cache]);
                for (var status = 0; status < StatusLabels.Length; status++)
                {
                    _requests[RequestIndex(kind, status, cache)] = requests.WithLabels(PageKinds.Label(kind), StatusLabels[status], CacheLabels[cache]);
                }
            }
        }

        var evictions = factory.CreateCounter("publisher_page_cache_evictions_total",
            "Changes that dropped cached pages, by what they dropped: every_page, lists (home, sections, tags, authors, search, feeds, sitemaps, and the article changed), or article (its pages alone).",
            ["scope"]);
        _evictions = [.. EvictionScopes.Select(scope => evictions.WithLabels(scope))];
        var signInFailures = factory.CreateCounter("publisher_sign_in_failures_total",
            "Sign-ins refused, by reason: unknown_account, wrong_password, or locked_out (the client is locked out of that account).",
            ["reason"]);
        _signInFailures = [.. Enum.GetValues<SignInFailure>().Select(reason => signInFailures.WithLabels(SignInFailureLabel(reason)))];
        _signInLockouts = factory.CreateCounter("publisher_sign_in_lockouts_total",
            "Lockouts begun: a client reached the failures allowed on an account and is locked out of it for a while.");
        _changeNoticeLag = factory.CreateHistogram("publisher_change_notice_lag_seconds",
            "Time from a change committed on another node to its notice applied on this one (page cache and snapshots refreshed).",
            new HistogramConfiguration { Buckets = LagBuckets });
        _listening = factory.CreateGauge("publisher_change_notices_listening",
            "1 while this node hears the other nodes' change notices (on SQLite, the only node, always), 0 while it does not: its pages may then be stale.");
        _schedulerHeld = factory.CreateGauge("publisher_scheduler_held",
            "1 while this node holds the scheduler (publishes articles when due), 0 otherwise: one node at a time should.");

        var reads = factory.CreateHistogram("publisher_database_read_duration_seconds",
            "Statements run for the public pages through the readers' sessions, from renting the connection to the last row read.",
            new HistogramConfiguration { Buckets = DatabaseBuckets });
        var writes = factory.CreateHistogram("publisher_database_write_duration_seconds",
            "Write transactions, from the write lock taken (one writer across every node) to the commit or rollback.",
            new HistogramConfiguration { Buckets = DatabaseBuckets });
        if (Enabled)
        {
            _databaseListener = ListenToDatabase(reads, writes);
        }
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>False when <c>Metrics:Enabled</c> is: nothing is counted on the requests' path, and <c>/metrics</c> is not served.</summary>
    public bool Enabled { get; }

    public void RequestAnswered(PageKind kind, int statusCode, PageCacheOutcome? outcome, TimeSpan elapsed)
    {
        var cache = outcome?.Index ?? 0;
        var status = statusCode < 200 ? 0 : Math.Min(statusCode / 100, 5) - 1;
        _requests[RequestIndex(kind, status, cache)].Inc();
        _requestDurations[((int)kind * CacheLabels.Length) + cache].Observe(elapsed.TotalSeconds);
    }

    /// <summary>The page cache answers this request from memory.</summary>
    public void PageServedFromCache(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Enabled)
        {
            context.Features.Set(PageCacheOutcome.Hit);
        }
    }

    /// <summary>This request's page was rendered and will be kept by the page cache.</summary>
    public void PageRenderedForCache(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Enabled)
        {
            context.Features.Set(PageCacheOutcome.Miss);
        }
    }

    /// <summary>A change dropped the cached pages carrying these tags (<see cref="PageCacheTags"/>).</summary>
    public void PageCacheEvicted(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var scope = tags.Contains(PageCacheTags.EveryPage) ? 0
            : tags.Contains(PageCacheTags.Lists) ? 1
            : tags.Count > 0 ? 2
            : -1;
        if (scope >= 0)
        {
            _evictions[scope].Inc();
        }
    }

    public void SignInFailed(SignInFailure reason) => _signInFailures[(int)reason].Inc();

    /// <summary>A client has just been locked out of an account.</summary>
    public void SignInLockedOut() => _signInLockouts.Inc();

    /// <summary>A change committed on another node reached this one <paramref name="lag"/> after its commit.</summary>
    public void ChangeNoticeApplied(TimeSpan lag) =>
        // Nodes' clocks differ a little: a notice seemingly from the future arrived at once.
        _changeNoticeLag.Observe(Math.Max(0, lag.TotalSeconds));

    /// <summary>Whether this node currently listens for the other nodes' change notices.</summary>
    public void ListeningForChangeNotices(bool listening) => _listening.Set(listening ? 1 : 0);

    /// <summary>Whether this node currently holds the scheduler.</summary>
    public void SchedulerHeld(bool held) => _schedulerHeld.Set(held ? 1 : 0);

    public void Dispose() => _databaseListener?.Dispose();

    private static int RequestIndex(PageKind kind, int status, int cache) =>
        (((int)kind * StatusLabels.Length) + status) * CacheLabels.Length + cache;

    private static string SignInFailureLabel(SignInFailure reason) => reason switch
    {
        SignInFailure.UnknownAccount => "unknown_account",
        SignInFailure.WrongPassword => "wrong_password",
        _ => "locked_out",
    };

    private static MeterListener ListenToDatabase(Histogram reads, Histogram writes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument == DatabaseTimings.Reads)
                {
                    listener.EnableMeasurementEvents(instrument, reads);
                }
                else if (instrument == DatabaseTimings.Writes)
                {
                    listener.EnableMeasurementEvents(instrument, writes);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>(static (_, seconds, _, state) => ((Histogram)state!).Observe(seconds));
        listener.Start();
        return listener;
    }
}
