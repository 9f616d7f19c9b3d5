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
// soak [seconds] [readers] [editors] [nodes]: the endurance test against a real server, or several behind nginx
// on PostgreSQL (see README.md here and docs/operations.md).
if (args is ["soak", .. var soak])
{
    int Argument(int index, int otherwise) => soak.Length > index ? int.Parse(soak[index], CultureInfo.InvariantCulture) : otherwise;
    return await SoakTest.RunAsync(Argument(0, 60), Argument(1, 32), Argument(2, 2), Argument(3, 1));
}
// images [runs]: the server's peak memory while it takes a crafted 7 KB PNG declaring 7,740 × 7,740 pixels (see docs/performance.md).
if (args is ["images", .. var images])
{
    return await ImageMemory.RunAsync(images.Length > 0 ? int.Parse(images[0], CultureInfo.InvariantCulture) : 3);
}
BenchmarkSwitcher.FromAssembly(typeof(ArchiveGenerator).Assembly).Run(args);
return 0;
