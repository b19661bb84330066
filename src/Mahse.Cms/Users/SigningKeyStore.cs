using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Mahse.Cms.Users;

/// <summary>
/// RSA keys for OpenIddict, made on first start and kept under umbraco/Data/keys so tokens survive a restart.
/// </summary>
public static class SigningKeyStore
{
    public static RsaSecurityKey LoadOrCreate(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new RsaSecurityKey(rsa) { KeyId = name };
    }
}
