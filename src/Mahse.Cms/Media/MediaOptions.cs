namespace Mahse.Cms.Media;

public sealed class MediaOptions
{
    /// <summary>Folder for media files, relative to the content root (Umbraco serves it at /media).</summary>
    public string Path { get; set; } = "media";

    /// <summary>Largest upload, in kilobytes (Umbraco's <c>Umbraco:CMS:Runtime:MaxRequestLength</c>).</summary>
    public long MaxRequestLengthKb { get; set; } = 20_480;

    /// <summary>Extensions that may be uploaded (Umbraco's <c>Umbraco:CMS:Content:AllowedUploadedFileExtensions</c>).</summary>
    public string[] AllowedUploadedFileExtensions { get; set; } =
        ["jpg", "jpeg", "png", "gif", "webp", "pdf", "docx", "xlsx", "pptx", "txt", "csv"];

    public TimeSpan TemporaryFileLifetime { get; set; } = TimeSpan.FromHours(1);
}
