using Publisher.Web.Media;

namespace Publisher.Web.Tests;

/// <summary>Pictures decoded at once hold no more pixels than the budget; a picture that cannot get its turn in time is told so.</summary>
public sealed class PixelBudgetTests
{
    [Fact]
    public async Task A_second_picture_at_the_limit_waits_for_the_first()
    {
        using var budget = new PixelBudget(MediaLibrary.MaxPixels);
        var first = await budget.EnterAsync(MediaLibrary.MaxPixels, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.NotNull(first);

        Assert.Null(await budget.EnterAsync(MediaLibrary.MaxPixels, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        Assert.Null(await budget.EnterAsync(1_000_000, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));

        var second = budget.EnterAsync(MediaLibrary.MaxPixels, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        first.Dispose();
        using var admitted = await second;
        Assert.NotNull(admitted);
    }

    [Fact]
    public async Task Small_pictures_share_the_budget()
    {
        using var budget = new PixelBudget(MediaLibrary.MaxPixels);
        var cores = Math.Max(1, Environment.ProcessorCount);
        var admitted = new List<IDisposable>();
        for (var i = 0; i < cores; i++)
        {
            admitted.Add((await budget.EnterAsync(1200 * 800, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken))!);
        }

        Assert.All(admitted, Assert.NotNull);
        // One picture per core at most, however small.
        Assert.Null(await budget.EnterAsync(1200 * 800, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        admitted.ForEach(admission => admission.Dispose());
        using var after = await budget.EnterAsync(MediaLibrary.MaxPixels, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.NotNull(after);
    }
}
