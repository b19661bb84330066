using Umbraco.Cms.Core.Packaging;
using Umbraco.Cms.Infrastructure.Install;

namespace Mahse.Web.Hosting;

/// <summary>
/// Runs our packages' pending migrations before a command. Umbraco runs package migrations when the site starts, not
/// when it only boots for a command, so on a database a command has just installed the Forms and survey tables did not
/// exist yet and, for instance, <c>usync export</c> crashed reading them.
/// </summary>
public static class CommandPackageMigrations
{
    /// <summary>False (after saying which) when a plan failed.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, TextWriter output)
    {
        var runner = services.GetRequiredService<PackageMigrationRunner>();
        var packages = services.GetRequiredService<PackageMigrationPlanCollection>().Select(p => p.PackageName).Distinct(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var package in packages)
        {
            foreach (var failed in (await runner.RunPackageMigrationsIfPendingAsync(package)).Where(p => !p.Successful))
            {
                output.WriteLine($"The migration of package {package} failed: {failed.Exception?.Message}");
                ok = false;
            }
        }

        return ok;
    }
}
