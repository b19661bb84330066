namespace Mahse.Bench.Hosting;

/// <summary>
/// A content root for one site: a copy of the repository's appsettings.json, a uSync/v17 folder, and (once it has
/// booted) umbraco/Data with the SQLite database and Examine's indexes.
/// </summary>
public sealed class SiteRoot
{
    private SiteRoot(string path) => Path = path;

    public string Path { get; }

    public string UsyncFolder => System.IO.Path.Combine(Path, "uSync", "v17");

    public string Database => System.IO.Path.Combine(Path, "umbraco", "Data", "Umbraco.sqlite.db");

    public string LogFolder => System.IO.Path.Combine(Path, "umbraco", "Logs");

    /// <summary>A new content root; <paramref name="usyncSource"/> is copied into its uSync folder (null: left empty).</summary>
    public static SiteRoot Create(string path, RepositoryPaths repository, string? usyncSource)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        File.Copy(repository.AppSettings, System.IO.Path.Combine(path, "appsettings.json"));
        var root = new SiteRoot(path);
        Directory.CreateDirectory(root.UsyncFolder);
        if (usyncSource is not null)
        {
            CopyFolder(usyncSource, root.UsyncFolder);
        }

        return root;
    }

    /// <summary>A copy of a whole content root (database and indexes too), so a cached site can be started without changing it.</summary>
    public SiteRoot CopyTo(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        CopyFolder(Path, path);
        return new SiteRoot(path);
    }

    public static SiteRoot Existing(string path) => new(path);

    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's clean-up; a scratch folder does not fail a bench.
        }
    }

    public static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
