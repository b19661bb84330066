using Microsoft.Extensions.Hosting;

namespace Mahse.Forms.Management;

/// <summary>
/// Serving entries' uploaded files. An upload's value is the path the delivery side stored (FormsPaths.Uploads),
/// relative to the content root and under <c>umbraco/Data/forms</c>. A request names a field and a file name, never a path: the file is looked up
/// among the entry's own stored values, and the resolved path must still lie under that folder, so no request can
/// reach any other file.
/// </summary>
public sealed class UploadedFiles(IHostEnvironment environment)
{
    public const string Folder = "umbraco/Data/forms";

    private string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, Folder)) + Path.DirectorySeparatorChar;

    /// <summary>The full path of a stored upload value, or null when it would lead outside the uploads folder.</summary>
    public string? Resolve(string storedPath)
    {
        if (string.IsNullOrWhiteSpace(storedPath) || storedPath.Contains('\0'))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(environment.ContentRootPath, storedPath.Replace('\\', '/')));
        return full.StartsWith(Root, StringComparison.Ordinal) ? full : null;
    }

    public static string DisplayName(string storedPath) => Path.GetFileName(storedPath.Replace('\\', '/'));
}
