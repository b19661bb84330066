using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Users;

/// <summary>Creates the first administrator from Umbraco's unattended-install settings when there are no users yet.</summary>
public sealed class FirstAdministratorInstaller(BackOfficeUserService users, IConfiguration configuration, ILogger<FirstAdministratorInstaller> logger)
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
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No backoffice users yet, and Umbraco:CMS:Unattended:UnattendedUserEmail/UnattendedUserPassword are not set");
            return false;
        }

        var (user, errors) = await users.CreateAsync(name ?? "Administrator", email, email, password, UserGroups.Administrators, ct);
        if (user is null)
        {
            logger.LogError("The unattended administrator could not be created: {Errors}", string.Join("; ", errors.Select(e => e.Message)));
            return false;
        }

        logger.LogInformation("Created the first administrator from the unattended settings");
        return true;
    }
}
