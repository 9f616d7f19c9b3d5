namespace Publisher.Benchmarks;

internal static class Paths
{
    public static string RepositoryRoot { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Publisher.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Publisher.sln not found above " + AppContext.BaseDirectory);
    }
}
