using System.Globalization;
using BenchmarkDotNet.Running;
using Publisher.Benchmarks;

// generate <folder> <count>: a folder of articles for the import command and the load benchmark.
// Anything else goes to BenchmarkDotNet (for example: --filter '*').
if (args is ["generate", var folder, var countText])
{
    var count = int.Parse(countText, CultureInfo.InvariantCulture);
    var pictures = Path.Combine(Paths.RepositoryRoot, "content", "images");
    ArchiveGenerator.Write(folder, count, DateTimeOffset.UtcNow.AddMinutes(-5), pictures);
    Console.WriteLine($"Wrote {count} articles to {folder}");
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(ArchiveGenerator).Assembly).Run(args);
return 0;
