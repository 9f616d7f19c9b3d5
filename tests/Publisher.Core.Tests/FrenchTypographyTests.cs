using Publisher.Core.Text;

namespace Publisher.Core.Tests;

public sealed class FrenchTypographyTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "typography.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split(" => ", 2);
            data.Add(Visible.Decode(parts[0]), Visible.Decode(parts[1]));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies_french_spacing_and_punctuation(string input, string expected) =>
        Assert.Equal(Visible.Encode(expected), Visible.Encode(FrenchTypography.Apply(input)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applying_twice_changes_nothing_more(string input, string expected)
    {
        _ = expected;
        var once = FrenchTypography.Apply(input);

        Assert.Equal(Visible.Encode(once), Visible.Encode(FrenchTypography.Apply(once)));
    }

    [Fact]
    public void Punctuation_in_the_next_text_node_is_spaced_from_the_previous_one()
    {
        var typography = new FrenchTypography();

        Assert.Equal("Vraiment", typography.Next("Vraiment"));
        Assert.Equal(Visible.Decode("{nnbsp}? Oui."), typography.Next("? Oui."));
    }

    [Fact]
    public void A_new_block_forgets_open_quotes()
    {
        var typography = new FrenchTypography();
        typography.Next("Il dit \"oui");
        typography.StartBlock();

        Assert.Equal(Visible.Decode("«{nnbsp}Non{nnbsp}»"), typography.Next("\"Non\""));
    }
}
