using System.Text.Encodings.Web;
using Publisher.Web.Html;

namespace Publisher.Web.Tests;

public sealed class HtmlEncoderTests
{
    private static readonly HtmlEncoder Encoder = MarkupOnlyHtmlEncoder.Instance;

    [Theory]
    [InlineData("Été\u00A0: «\u202Fdéjà\u202F» là\u202F!", "Été\u00A0: «\u202Fdéjà\u202F» là\u202F!")]
    [InlineData("2024-08-12T09:05:00+02:00", "2024-08-12T09:05:00+02:00")]
    [InlineData("L’IA 🚀 en 2026", "L’IA 🚀 en 2026")]
    [InlineData("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")]
    [InlineData("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("bip\u0007\u0000", "bip&#x7;&#x0;")]
    public void Escapes_markup_and_leaves_french_text_as_it_is(string text, string expected) =>
        Assert.Equal(expected, Encoder.Encode(text));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        // Not an InlineData: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        var text = "lone " + (char)0xD800 + " surrogate";

        Assert.Equal("lone \uFFFD surrogate", Encoder.Encode(text));
    }

    [Fact]
    public async Task Pages_write_no_break_spaces_as_characters()
    {
        await using var app = new PublisherFactory();
        using var client = app.CreateReader();

        var html = await client.GetStringAsync(new Uri("/articles/" + SampleContent.SeedSlug, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("12 août 2024 à 9\u00A0h\u00A005", html, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2024-08-12T09:05:00+02:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&nbsp;", html, StringComparison.Ordinal);
    }
}
