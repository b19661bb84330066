using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Users;

/// <summary>
/// Creates the first administrator from Umbraco's unattended-install settings when there are no users yet.
/// Without a configured password a random one is made and written to a file only the owner can read, so a
/// fresh site never starts with a password everyone knows.
/// </summary>
public sealed class FirstAdministratorInstaller(BackOfficeUserService users, IConfiguration configuration, FirstAdministratorPasswordFile passwordFile, ILogger<FirstAdministratorInstaller> logger)
{
    public async Task<bool> InstallAsync(CancellationToken ct)
    {
        if (await users.AnyAsync(ct))
        {
            return false;
        }

        var section = configuration.GetSection("Umbraco:CMS:Unattended");
        var name = section["UnattendedUserName"];
        var email = section["UnattendedUserEmail"];
        var password = section["UnattendedUserPassword"];
        if (string.IsNullOrWhiteSpace(email))
        {
            logger.LogWarning("No backoffice users yet, and Umbraco:CMS:Unattended:UnattendedUserEmail is not set");
            return false;
        }

        var generated = string.IsNullOrWhiteSpace(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        }

        var (user, errors) = await users.CreateAsync(name ?? "Administrator", email, email, password!, UserGroups.Administrators, ct);
        if (user is null)
        {
            logger.LogError("The unattended administrator could not be created: {Errors}", string.Join("; ", errors.Select(e => e.Message)));
            return false;
        }

        if (generated)
        {
            passwordFile.Write(email, password!);
            logger.LogWarning("Created the first administrator {Email} with a generated password, written to {File}; sign in and change it",
                email, passwordFile.Path);
        }
        else
        {
            logger.LogInformation("Created the first administrator from the unattended settings");
        }

        return true;
    }
}

public sealed record FirstAdministratorPasswordFile(string Path)
{
    public void Write(string email, string password)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, $"{email}\n{password}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
