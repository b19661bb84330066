namespace Mahse.Forms.Entries;

/// <summary>
/// The rules every upload meets, whatever its field allows: Umbraco Forms' global extension lists
/// (<c>Umbraco:Forms:Security:DisallowedFileUploadExtensions</c> and <c>AllowedFileUploadExtensions</c>) and MAHSE's
/// limits on size and count, which Umbraco Forms does not have.
/// </summary>
public sealed class FormUploadOptions
{
    /// <summary>Comma-separated; always refused, even where a field allows them.</summary>
    public string DisallowedFileUploadExtensions { get; set; } = "config,exe,dll,asp,aspx";

    /// <summary>Comma-separated; when set, only these are accepted on any field. Empty: no global allow-list.</summary>
    public string AllowedFileUploadExtensions { get; set; } = "";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerField { get; set; } = 5;

    internal static string[] List(string extensions) =>
        extensions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.TrimStart('.')).ToArray();
}
