namespace Mahse.Forms.Configuration;

/// <summary>
/// Where the module keeps files, under the content root and outside the web root (wwwroot), so an upload is never
/// served as a static file: entries' uploads and drafts' uploads.
/// </summary>
public static class FormsPaths
{
    public const string Uploads = "umbraco/Data/forms/uploads";

    public const string Drafts = "umbraco/Data/forms/drafts";
}
