using System.Security.Cryptography;

namespace Mahse.Web.Hosting;

/// <summary>
/// Umbraco's unattended install needs the first administrator's password up front. When none is configured, one is
/// generated before the first boot and kept in <c>umbraco/Data/first-administrator.txt</c> (email on line 1, password
/// on line 2), readable by the owner only, so nobody has to invent one and none sits in appsettings.json.
/// </summary>
public static class FirstAdministrator
{
    private const string PasswordKey = "Umbraco:CMS:Unattended:UnattendedUserPassword";
    public const string FileName = "first-administrator.txt";

    public static void Configure(ConfigurationManager configuration, string contentRoot)
    {
        if (!configuration.GetValue("Umbraco:CMS:Unattended:InstallUnattended", false)
            || !string.IsNullOrEmpty(configuration[PasswordKey]))
        {
            return;
        }

        var dataDirectory = Path.Combine(contentRoot, "umbraco", "Data");
        var file = Path.Combine(dataDirectory, FileName);
        string? password = null;
        if (File.Exists(file))
        {
            password = File.ReadLines(file).Skip(1).FirstOrDefault();
        }
        else if (!IsInstalledSqlite(configuration, dataDirectory))
        {
            password = Generate();
            Directory.CreateDirectory(dataDirectory);
            var email = configuration["Umbraco:CMS:Unattended:UnattendedUserEmail"] ?? "";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), options);
            writer.Write($"{email}\n{password}\n");
        }

        if (!string.IsNullOrEmpty(password))
        {
            configuration[PasswordKey] = password;
        }
        else if (IsInstalledSqlite(configuration, dataDirectory))
        {
            // Installed already and the generated file is gone (read and deleted, say): there is nothing left to install,
            // and Umbraco would refuse to start on unattended settings without a password.
            configuration["Umbraco:CMS:Unattended:InstallUnattended"] = "false";
        }
    }

    /// <summary>An existing SQLite database is already installed: a password generated now would not be the administrator's.</summary>
    private static bool IsInstalledSqlite(IConfiguration configuration, string dataDirectory)
    {
        var connection = configuration.GetConnectionString("umbracoDbDSN") ?? "";
        var marker = "Data Source=";
        var start = connection.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return false;
        }

        var source = connection[(start + marker.Length)..].Split(';')[0].Replace("|DataDirectory|", dataDirectory);
        return File.Exists(source);
    }

    // 24 characters from a set without look-alikes, with every class Umbraco's password rules may ask for.
    private static string Generate()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "!#%+-=?@";
        var all = letters + digits + symbols;
        var chars = new char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[3] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[11] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        chars[17] = letters[RandomNumberGenerator.GetInt32(26)];
        chars[20] = letters[26 + RandomNumberGenerator.GetInt32(22)];
        return new string(chars);
    }
}
