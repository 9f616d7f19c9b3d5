using AngleSharp.Html.Parser;
using Publisher.Core.Markdown;
using Publisher.Tests.Hostile;

namespace Publisher.Core.Tests;

public sealed class ArticleMarkdownTests
{
    private static readonly ArticleMarkdown Markdown = new();

    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Cases", "Markdown"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Renders_markdown_as_the_golden_html(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Cases", "Markdown");
        var expected = Visible.Decode(File.ReadAllText(Path.Combine(folder, name + ".html"))).TrimEnd('\n');

        var rendered = Markdown.Render(File.ReadAllText(Path.Combine(folder, name + ".md")));

        Assert.Equal(Visible.Encode(expected), Visible.Encode(rendered.Html.TrimEnd('\n')));
    }

    public static TheoryData<string> HostilePayloads()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "xss.txt")))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                data.Add(line);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostilePayloads))]
    public void Hostile_html_in_markdown_leaves_no_way_to_run_script(string payload)
    {
        var html = Markdown.Render("Texte avant.\n\n" + payload + "\n\nTexte après.").Html;
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(ScriptVectors.In(document.Body!));
    }

    [Theory]
    [InlineData("> ", 50_000)]
    [InlineData("[", 100_000)]
    public void Pathological_nesting_is_refused_with_a_clear_error(string unit, int count)
    {
        var error = Assert.Throws<MarkdownTooComplexException>(() => Markdown.Render(string.Concat(Enumerable.Repeat(unit, count))));

        Assert.Contains("too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_around_hostile_html_is_kept_and_the_script_tags_are_shown_as_text()
    {
        var html = Markdown.Render("Avant <script>alert(1)</script> après.").Html;
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("Avant <script>alert(1)</script> après.", document.Body!.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("script"));
    }

    [Fact]
    public void Images_load_lazily_and_external_links_open_safely()
    {
        var html = Markdown.Render("![Un schéma](/media/a.jpg) [Site](https://exemple.fr) [Ici](/tags/x)").Html;
        var document = new HtmlParser().ParseDocument(html);

        var image = document.QuerySelector("img")!;
        Assert.Equal("lazy", image.GetAttribute("loading"));
        Assert.Equal("noopener", document.QuerySelector("a[href^='https']")!.GetAttribute("rel"));
        Assert.Null(document.QuerySelector("a[href^='/tags']")!.GetAttribute("rel"));
    }

    [Fact]
    public void French_text_is_written_as_characters_not_entities()
    {
        var html = Markdown.Render("Été : « déjà » là !").Html;

        Assert.Contains("Été\u00A0: «\u202Fdéjà\u202F» là\u202F!", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(220, 1)]
    [InlineData(660, 3)]
    [InlineData(900, 4)]
    public void Reading_time_counts_about_220_words_a_minute(int words, int minutes)
    {
        var text = string.Join(' ', Enumerable.Repeat("mot", words));

        var rendered = Markdown.Render(text);

        Assert.Equal(words, rendered.WordCount);
        Assert.Equal(minutes, rendered.ReadingMinutes);
    }

    [Fact]
    public void Image_addresses_are_rewritten_without_touching_the_rest()
    {
        const string text = "Voir ![schéma](images/a.jpg \"titre\") et [lien](images/a.jpg).";

        var rewritten = Markdown.RewriteImageUrls(text, url => "/media/" + Path.GetFileName(url));

        Assert.Equal("Voir ![schéma](/media/a.jpg \"titre\") et [lien](images/a.jpg).", rewritten);
        Assert.Equal<string>(["images/a.jpg"], Markdown.ImageUrls(text));
    }
}
