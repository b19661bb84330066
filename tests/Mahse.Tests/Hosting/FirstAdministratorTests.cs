using System.Net;
using System.Net.Http.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Hosting;

/// <summary>A new site with no administrator password configured: first boot generates one (no template database).</summary>
public sealed class GeneratedPasswordSite : UmbracoSite
{
    protected override string? UsyncSource => null;

    protected override bool StartsFromTemplate => false;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = "",
    };

    public string PasswordFile => Path.Combine(ContentRoot, "umbraco", "Data", "first-administrator.txt");
}

/// <summary>
/// The first administrator's password when none is configured: generated before the unattended install, kept in a file
/// only its owner can read, accepted by the backoffice sign-in; a site whose file was deleted after install still starts.
/// </summary>
public sealed class FirstAdministratorTests(GeneratedPasswordSite site) : IClassFixture<GeneratedPasswordSite>
{
    [Fact]
    public async Task First_boot_writes_a_generated_password_the_owner_alone_can_read_and_the_backoffice_accepts()
    {
        var lines = File.ReadAllLines(site.PasswordFile);
        Assert.Equal(UmbracoSite.AdminEmail, lines[0]);
        Assert.True(lines[1].Length >= 20, "the generated password is long");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(site.PasswordFile));
        }

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(lines[1]));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("not-the-password"));
    }

    [Fact]
    public async Task A_site_whose_password_file_was_removed_after_install_starts_again()
    {
        var password = File.ReadAllLines(site.PasswordFile)[1];
        File.Delete(site.PasswordFile);

        await site.RestartAsync();

        Assert.False(File.Exists(site.PasswordFile), "no new password is generated for an installed site");
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(password));
        File.WriteAllText(site.PasswordFile, $"{UmbracoSite.AdminEmail}\n{password}\n");
    }

    [Fact]
    public async Task First_boot_keeps_its_generated_secrets_out_of_appsettings_and_creates_the_mail_pickup_folder()
    {
        // Umbraco would write the imaging HMAC key it generates into appsettings.json, a tracked file in this repository.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "appsettings.json")), await File.ReadAllTextAsync(Path.Combine(site.ContentRoot, "appsettings.json")));
        var key = Path.Combine(site.ContentRoot, "umbraco", "Data", "imaging-hmac.key");
        Assert.Equal(64, Convert.FromBase64String(await File.ReadAllTextAsync(key)).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        // Mail goes to a pickup folder under the content root (appsettings.json), which Umbraco's sender does not create.
        Assert.True(Directory.Exists(Path.Combine(site.ContentRoot, "umbraco", "Data", "mail")), "the pickup folder exists under the content root");
    }

    private async Task<HttpStatusCode> SignInAsync(string password)
    {
        using var client = site.Anonymous();
        using var response = await client.PostAsJsonAsync("/umbraco/management/api/v1/security/back-office/login", new { username = UmbracoSite.AdminEmail, password });
        return response.StatusCode;
    }
}
