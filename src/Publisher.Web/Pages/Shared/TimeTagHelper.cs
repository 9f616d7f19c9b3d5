using Microsoft.AspNetCore.Razor.TagHelpers;
using Publisher.Core.Text;

namespace Publisher.Web.Pages.Shared;

/// <summary>
/// <c>&lt;time value="@instant" format="datetime"&gt;</c> → « 12 août 2024 à 9 h 05 », in Paris time, with
/// <c>datetime</c> in ISO 8601 with the Paris offset for machines.
/// </summary>
[HtmlTargetElement("time", Attributes = "value")]
public sealed class TimeTagHelper : TagHelper
{
    public DateTimeOffset Value { get; set; }

    /// <summary><c>date</c> (the default) or <c>datetime</c>.</summary>
    public string Format { get; set; } = "date";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("datetime", FrenchDates.IsoParis(Value));
        output.Content.SetContent(string.Equals(Format, "datetime", StringComparison.Ordinal) ? FrenchDates.DateAndTime(Value) : FrenchDates.LongDate(Value));
    }
}
