namespace Mahse.Bench.Hosting;

/// <summary>Where the repository, the MAHSE uSync folder and the built site are.</summary>
public sealed class RepositoryPaths
{
    private RepositoryPaths(string root, string siteAssembly)
    {
        Root = root;
        SiteAssembly = siteAssembly;
    }

    public string Root { get; }

    public string SiteAssembly { get; }

    public string AppSettings => Path.Combine(Root, "appsettings.json");

    public string MahseUsync => Path.Combine(Root, "uSync", "v17");

    public static RepositoryPaths Find(BenchOptions options)
    {
        var root = FindRoot();
        var site = options.Site ?? Path.Combine(root, "src", "Mahse.Web", "bin", MachineInfo.BuildConfiguration, "net10.0", "Mahse.Web.dll");
        if (!File.Exists(site))
        {
            throw new BenchFailedException($"The site is not built at {site}: run `dotnet build -c {MachineInfo.BuildConfiguration} Mahse.Umbraco.sln` (or pass --site).");
        }

        return new RepositoryPaths(root, site);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mahse.Umbraco.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new BenchFailedException("Mahse.Umbraco.sln not found above the current folder or the bench's output folder.");
    }
}
