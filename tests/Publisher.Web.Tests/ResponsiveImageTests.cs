using Publisher.Web.Media;

namespace Publisher.Web.Tests;

/// <summary>Pages offer in <c>srcset</c> exactly the copies the media library makes, whatever the picture's width.</summary>
public sealed class ResponsiveImageTests
{
    [Theory]
    [InlineData(320, 180)]
    [InlineData(480, 270)]
    [InlineData(1200, 675)]
    [InlineData(1600, 900)]
    [InlineData(4000, 3000)]
    public void The_source_sets_list_the_copies_that_are_made(int width, int height)
    {
        var image = new StoredImage("/media/2026-11-24-fusee-0a1b2c3d4e.jpg", width, height);

        var (original, webp) = PictureSizes.SourceSets(image);

        var (made, madeWebp) = PictureSizes.Of(image);
        Assert.Equal(string.Join(", ", made.Select(size => $"{size.Url} {size.Width}w")), original);
        Assert.Equal(string.Join(", ", madeWebp.Select(size => $"{size.Url} {size.Width}w")), webp);
    }
}
