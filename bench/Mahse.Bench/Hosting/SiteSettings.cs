namespace Mahse.Bench.Hosting;

/// <summary>
/// The settings every bench site runs with, as environment variables (they override appsettings.json): Production,
/// a known first administrator for the unattended install, and Warning-level logs so logging does not weigh on the
/// figures. A bench adds its own (output cache, first-boot import).
/// </summary>
public static class SiteSettings
{
    public const string AdminEmail = "admin@mahse.bench";
    public const string AdminPassword = "Bench-Horse-Battery-9-Staple";

    public static Dictionary<string, string> Defaults() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["Umbraco__CMS__Unattended__UnattendedUserName"] = "Bench Administrator",
        ["Umbraco__CMS__Unattended__UnattendedUserEmail"] = AdminEmail,
        ["Umbraco__CMS__Unattended__UnattendedUserPassword"] = AdminPassword,
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    public static Dictionary<string, string> With(params (string Key, string Value)[] extra)
    {
        var settings = Defaults();
        foreach (var (key, value) in extra)
        {
            settings[key.Replace(":", "__")] = value;
        }

        return settings;
    }
}
