namespace Publisher.Core.Tests;

/// <summary>Writes the invisible no-break spaces as {nnbsp} and {nbsp}, so cases and failures can be read.</summary>
internal static class Visible
{
    public static string Decode(string text) =>
        text.Replace("{nnbsp}", "\u202F", StringComparison.Ordinal).Replace("{nbsp}", "\u00A0", StringComparison.Ordinal);

    public static string Encode(string text) =>
        text.Replace("\u202F", "{nnbsp}", StringComparison.Ordinal).Replace("\u00A0", "{nbsp}", StringComparison.Ordinal);
}
