namespace Mahse.Tests.Infrastructure;

/// <summary>Where the repository, the built site and the shared contract fixtures (../shared) are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string MahseUsync => Path.Combine(Root, "uSync", "v17");

    public static string MerchelloUsync => Path.Combine(Shared, "contracts", "fixtures", "usync", "merchello", "uSync", "v17");

    /// <summary>The site's assembly, built in the same configuration as the tests.</summary>
    public static string SiteAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
            var path = Path.Combine(Root, "src", "Mahse.Web", "bin", configuration, "net10.0", "Mahse.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Mahse.Web first.", path);
        }
    }

    /// <summary>Copies a folder to a fresh temporary one, so a test can change files without touching the original.</summary>
    public static string CopyToTemp(string source, string? target = null)
    {
        target ??= Path.Combine(Path.GetTempPath(), "mahse-tests", "copies", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private static string FindRoot()
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
