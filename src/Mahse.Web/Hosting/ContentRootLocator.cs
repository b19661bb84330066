namespace Mahse.Web.Hosting;

/// <summary>
/// Finds the repository root (where appsettings.json, uSync/ and umbraco/Data live) so that
/// <c>dotnet run --project src/Mahse.Web</c> works from any folder.
/// </summary>
public static class ContentRootLocator
{
    private const string Marker = "Mahse.Umbraco.sln";

    public static string? Locate(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null)
        {
            return null;
        }

        return FindUpwards(Directory.GetCurrentDirectory()) ?? FindUpwards(AppContext.BaseDirectory);
    }

    private static string? FindUpwards(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
