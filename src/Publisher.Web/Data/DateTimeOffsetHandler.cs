using System.Data;
using System.Globalization;
using Dapper;

namespace Publisher.Web.Data;

/// <summary>
/// Instants are UTC ISO-8601 text with a fixed width, so that comparing text compares time. The handler reads
/// them; to write one, bind <see cref="ToText"/>: Dapper gives DateTimeOffset parameters to the provider
/// directly, which would write another format.
/// </summary>
public sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        }
    }

    public static string ToText(DateTimeOffset value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = ToText(value);
    }

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override DateTimeOffset Parse(object value) => FromText((string)value);
}
