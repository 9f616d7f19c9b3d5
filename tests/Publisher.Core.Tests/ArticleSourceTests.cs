using Publisher.Core.Content;

namespace Publisher.Core.Tests;

public sealed class ArticleSourceTests
{
    private const string Valid = """
        ---
        title: "Elon Musk bafoue ses propres principes"
        standfirst: "Le patron de X va interviewer Donald Trump."
        section: Réseaux sociaux
        tags: [Elon Musk, X, "Désinformation"]
        author: La rédaction
        status: published
        published: 2024-08-12T09:05:00+02:00
        updated: 2024-08-12T18:00:00+02:00
        image:
          file: images/micro.jpg
          alt: Un micro stylisé
          caption: Donald Trump en campagne.
          credit: Matt Rourke / AP
        ---
        ## L’art de la désinformation

        Texte.
        """;

    [Fact]
    public void Reads_every_field_of_the_front_matter_and_the_body()
    {
        var source = ArticleSource.Parse(Valid);

        Assert.Equal("elon-musk-bafoue-ses-propres-principes", source.Slug);
        Assert.Equal("Elon Musk bafoue ses propres principes", source.Title);
        Assert.Equal("Réseaux sociaux", source.Section);
        Assert.Equal<string>(["Elon Musk", "X", "Désinformation"], source.Tags);
        Assert.Equal(ArticleStatus.Published, source.Status);
        Assert.Equal(new DateTimeOffset(2024, 8, 12, 7, 5, 0, TimeSpan.Zero), source.Published);
        Assert.Equal(new DateTimeOffset(2024, 8, 12, 16, 0, 0, TimeSpan.Zero), source.Updated);
        Assert.Equal(new ImageSource("images/micro.jpg", "Un micro stylisé", "Donald Trump en campagne.", "Matt Rourke / AP"), source.Image);
        Assert.StartsWith("## L’art de la désinformation", source.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_without_offset_is_paris_time()
    {
        var source = ArticleSource.Parse(Valid.Replace("2024-08-12T09:05:00+02:00", "2024-12-12 09:05", StringComparison.Ordinal).Replace("updated: 2024-08-12T18:00:00+02:00\n", "", StringComparison.Ordinal));

        Assert.Equal(new DateTimeOffset(2024, 12, 12, 8, 5, 0, TimeSpan.Zero), source.Published);
    }

    [Fact]
    public void A_paris_time_skipped_by_the_change_to_summer_time_is_refused()
    {
        var text = Valid.Replace("2024-08-12T09:05:00+02:00", "2026-03-29 02:30", StringComparison.Ordinal).Replace("updated: 2024-08-12T18:00:00+02:00\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<ArticleSourceException>(() => ArticleSource.Parse(text));

        Assert.Contains("'published' is 2026-03-29 02:30, a time that does not exist in Paris", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_needs_no_publication_date()
    {
        var source = ArticleSource.Parse(Valid.Replace("status: published", "status: draft", StringComparison.Ordinal).Replace("published: 2024-08-12T09:05:00+02:00\n", "", StringComparison.Ordinal).Replace("updated: 2024-08-12T18:00:00+02:00\n", "", StringComparison.Ordinal));

        Assert.Equal(ArticleStatus.Draft, source.Status);
        Assert.Null(source.Published);
    }

    [Theory]
    [InlineData("title: \"Elon Musk bafoue ses propres principes\"\n", "'title' is required")]
    [InlineData("standfirst: \"Le patron de X va interviewer Donald Trump.\"\n", "'standfirst' is required")]
    [InlineData("section: Réseaux sociaux\n", "'section' is required")]
    [InlineData("author: La rédaction\n", "'author' is required")]
    [InlineData("  alt: Un micro stylisé\n", "'image.alt' is required")]
    [InlineData("published: 2024-08-12T09:05:00+02:00\n", "'published' is required when status is published")]
    public void A_missing_required_field_is_named(string removedLine, string reason)
    {
        var error = Assert.Throws<ArticleSourceException>(() => ArticleSource.Parse(Valid.Replace(removedLine, "", StringComparison.Ordinal)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status: published", "status: online", "'status' must be draft, scheduled or published, not 'online'")]
    [InlineData("published: 2024-08-12T09:05:00+02:00", "published: le 12 août", "'published' is not a date: 'le 12 août'")]
    [InlineData("updated: 2024-08-12T18:00:00+02:00", "updated: 2024-08-11T18:00:00+02:00", "'updated' is earlier than 'published'")]
    [InlineData("author: La rédaction", "autor: La rédaction", "line 6: Property 'autor' not found")]
    [InlineData("tags: [Elon Musk, X, \"Désinformation\"]", "tags: [Elon Musk, X", "line 5: ")]
    [InlineData("title: \"Elon Musk bafoue ses propres principes\"", "title: \"Elon Musk\"\nslug: Elon Musk", "'slug' must be lower-case")]
    [InlineData("section: Réseaux sociaux", "section: \"???\"", "'section' needs at least one letter or digit")]
    public void A_wrong_field_is_reported_with_the_reason(string original, string replacement, string reason)
    {
        var error = Assert.Throws<ArticleSourceException>(() => ArticleSource.Parse(Valid.Replace(original, replacement, StringComparison.Ordinal)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Juste du Markdown.", "must start with front matter")]
    [InlineData("---\ntitle: Sans fin\n\nTexte.", "not closed")]
    public void A_file_without_front_matter_is_refused(string text, string reason)
    {
        var error = Assert.Throws<ArticleSourceException>(() => ArticleSource.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var error = Assert.Throws<ArticleSourceException>(() => ArticleSource.Parse("---\nstatus: published\n---\nTexte."));

        Assert.Contains("'title' is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("'section' is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("'published' is required", error.Message, StringComparison.Ordinal);
    }
}
