namespace JinGong.Testing;

/// <summary>Where a test finds the repository it was built from, and keeps what it leaves for people to read (<c>artifacts/</c>, not committed).</summary>
public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>artifacts/{name}</c>, made if it is not there yet.</summary>
    public static string Artifacts(string name) => Directory.CreateDirectory(Path.Combine(Root, "artifacts", name)).FullName;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JinGong.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("JinGong.sln not found above the test's folder");
    }
}
