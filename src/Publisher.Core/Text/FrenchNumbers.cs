using System.Globalization;

namespace Publisher.Core.Text;

/// <summary>Numbers as French writes them in the interface's own sentences.</summary>
public static class FrenchNumbers
{
    /// <summary>« 7 740 », with the narrow no-break space French puts between thousands.</summary>
    public static string Grouped(long value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "\u202F", StringComparison.Ordinal);
}
