using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Publisher.Browser.Tests;

internal static class Axe
{
    /// <summary>Runs axe-core on the page and fails with every serious or critical violation, named and located.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", serious));
    }
}
