namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>Paths to the shared contract fixtures, which sit beside the repository (../shared).</summary>
public static class Fixtures
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mahse.Umbraco.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Mahse.Umbraco.sln not found above the test output folder.");
        }
    }

    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string MerchelloUsync => Path.Combine(Shared, "contracts", "fixtures", "usync", "merchello", "uSync", "v17");

    /// <summary>Copies a folder to a fresh temporary one, so a test can change files without touching the fixture.</summary>
    public static string CopyToTemp(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "mahse-usync", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
