using Publisher.Core.Text;

namespace Publisher.Core.Tests;

public sealed class FrenchDatesTests
{
    [Theory]
    [InlineData("2026-11-24T12:00:00Z", "24 novembre 2026")]
    [InlineData("2026-08-01T08:00:00Z", "1er août 2026")]
    [InlineData("2026-07-31T22:30:00Z", "1er août 2026")] // already the 1st in Paris
    [InlineData("2026-02-03T17:47:00Z", "3 février 2026")]
    public void Long_dates_are_written_the_french_way(string utc, string expected) =>
        Assert.Equal(expected, FrenchDates.LongDate(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-24T13:30:00Z", "14{nbsp}h{nbsp}30")]
    [InlineData("2026-08-12T07:05:00Z", "9{nbsp}h{nbsp}05")]
    [InlineData("2026-11-24T08:00:00Z", "9{nbsp}h")]
    public void Times_are_written_with_h_and_no_break_spaces(string utc, string expected) =>
        Assert.Equal(expected, Visible.Encode(FrenchDates.Time(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("2024-08-12T07:05:00Z", "2024-08-12T09:05:00+02:00")] // summer time
    [InlineData("2026-11-24T13:30:00Z", "2026-11-24T14:30:00+01:00")] // winter time
    [InlineData("2026-03-29T01:30:00Z", "2026-03-29T03:30:00+02:00")] // the night clocks go forward
    public void Machine_dates_carry_the_paris_offset(string utc, string expected) =>
        Assert.Equal(expected, FrenchDates.IsoParis(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Date_and_time_read_as_a_sentence() =>
        Assert.Equal("12 août 2024 à 9{nbsp}h{nbsp}05", Visible.Encode(FrenchDates.DateAndTime(new DateTimeOffset(2024, 8, 12, 7, 5, 0, TimeSpan.Zero))));
}
