using System.Security.Cryptography;

namespace Mahse.Web.Hosting;

/// <summary>
/// Umbraco 18 generates the imaging HMAC key when none is configured and writes it into <c>appsettings.json</c>, which
/// in this repository is a tracked file: a fresh clone's first run left a secret in the working tree, one commit away
/// from the repository. When the key is not configured, one is generated here instead and kept in
/// <c>umbraco/Data/imaging-hmac.key</c> (readable by the owner only, ignored by git), so Umbraco finds it set.
/// Production sets <c>Umbraco:CMS:Imaging:HMACSecretKey</c> as a secret and this does nothing.
/// </summary>
public static class ImagingSecret
{
    private const string Key = "Umbraco:CMS:Imaging:HMACSecretKey";
    public const string FileName = "imaging-hmac.key";

    public static void Configure(ConfigurationManager configuration, string contentRoot)
    {
        if (!string.IsNullOrEmpty(configuration[Key]))
        {
            return;
        }

        var dataDirectory = Path.Combine(contentRoot, "umbraco", "Data");
        var file = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        configuration[Key] = File.ReadAllText(file).Trim();
    }
}
