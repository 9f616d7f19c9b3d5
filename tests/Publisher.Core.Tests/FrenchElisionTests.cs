using Publisher.Core.Text;

namespace Publisher.Core.Tests;

public sealed class FrenchElisionTests
{
    [Theory]
    [InlineData("Alice Martin", "d’Alice Martin")]
    [InlineData("Éric Dupont", "d’Éric Dupont")]
    [InlineData("Œdipe", "d’Œdipe")]
    [InlineData("Hélène Roux", "d’Hélène Roux")]
    [InlineData("Yves Moreau", "d’Yves Moreau")]
    [InlineData("Bruno Lefèvre", "de Bruno Lefèvre")]
    [InlineData("Yann Le Gall", "de Yann Le Gall")]
    [InlineData("Huawei", "de Huawei")]
    [InlineData("Hollande", "de Hollande")]
    [InlineData("", "de ")]
    public void De_elides_before_a_vowel_or_a_mute_h(string name, string expected) => Assert.Equal(expected, FrenchElision.De(name));
}
