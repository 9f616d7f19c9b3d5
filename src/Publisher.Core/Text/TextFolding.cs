using System.Globalization;
using System.Text;

namespace Publisher.Core.Text;

/// <summary>The one accent folding, shared by slugs and search.</summary>
public static class TextFolding
{
    /// <summary>Lower case without accents: « Œuvre Été » → « oeuvre ete ».</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                'ø' or 'Ø' => "o",
                'đ' or 'Đ' => "d",
                'ł' or 'Ł' => "l",
                _ => char.ToLowerInvariant(c).ToString(),
            });
        }
        return builder.ToString();
    }
}
