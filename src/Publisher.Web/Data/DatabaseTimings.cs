using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Publisher.Web.Data;

/// <summary>
/// The time the seam spends on the database, as .NET metrics that <c>Operations/PublisherMetrics</c> exports (and
/// <c>dotnet-counters</c> can read). With nobody listening, recording costs a timestamp and a check.
/// </summary>
/// <remarks>
/// A static meter rather than an injected service: the engines build their read sessions and write transactions
/// themselves, and copy-to builds a second engine outside the container. Several hosts in one process (the tests)
/// therefore share it, and each one's listener sees the others' statements.
/// </remarks>
public static class DatabaseTimings
{
    public const string MeterName = "Publisher.Data";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>One statement of <see cref="IReadSessions"/>: renting the connection, running it, reading every row.</summary>
    public static readonly Histogram<double> Reads = Meter.CreateHistogram<double>(
        "publisher.database.read.duration", "s", "Statements run through the readers' sessions, from renting the connection to the last row read.");

    /// <summary>One <see cref="WriteTransaction"/>, from the write lock taken to the commit or rollback and the connection closed.</summary>
    public static readonly Histogram<double> Writes = Meter.CreateHistogram<double>(
        "publisher.database.write.duration", "s", "Write transactions, from the write lock taken to the connection closed.");

    internal static void ReadSince(long startedTimestamp)
    {
        if (Reads.Enabled)
        {
            Reads.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
        }
    }

    internal static void WriteSince(long startedTimestamp)
    {
        if (Writes.Enabled)
        {
            Writes.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
        }
    }
}
