using System.Globalization;

namespace Publisher.Core.Text;

/// <summary>Dates and times as a French reader writes them, in Paris time: « 1er août 2026 », « 14 h 30 ».</summary>
public static class FrenchDates
{
    private const char NoBreakSpace = '\u00A0';

    private static readonly string[] MonthNames =
    [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ];

    /// <summary>The newsroom's time zone, where every date is shown.</summary>
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The instant in Paris local time, offset included (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    /// <summary>« 24 novembre 2026 », with « 1er » for the first of the month.</summary>
    public static string LongDate(DateTimeOffset instant)
    {
        var paris = ToParis(instant);
        var day = paris.Day == 1 ? "1er" : paris.Day.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{day} {MonthNames[paris.Month - 1]} {paris.Year}");
    }

    /// <summary>« 14 h 30 », or « 9 h » on the hour, with no-break spaces.</summary>
    public static string Time(DateTimeOffset instant)
    {
        var paris = ToParis(instant);
        return paris.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{paris.Hour}{NoBreakSpace}h")
            : string.Create(CultureInfo.InvariantCulture, $"{paris.Hour}{NoBreakSpace}h{NoBreakSpace}{paris.Minute:00}");
    }

    /// <summary>« 12 août 2024 à 9 h 05 ».</summary>
    public static string DateAndTime(DateTimeOffset instant) => $"{LongDate(instant)} à {Time(instant)}";

    /// <summary>ISO 8601 with the Paris offset, for <c>&lt;time datetime&gt;</c>: <c>2024-08-12T09:05:00+02:00</c>.</summary>
    public static string IsoParis(DateTimeOffset instant) =>
        ToParis(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
