using System.Diagnostics;

namespace Mahse.Tests.Infrastructure;

/// <summary>Runs the site's command line (<c>Mahse.Web usync …</c>) in a content root of its own and captures what it prints.</summary>
public static class SiteCommand
{
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The report line for a file (its relative path ends the file column), or null.</summary>
        public string? LineFor(string file) =>
            Output.Split('\n').FirstOrDefault(l => l.Contains(" " + file, StringComparison.Ordinal));
    }

    /// <summary>A content root with the repository's appsettings.json and an empty uSync folder; the database is created on first use.</summary>
    public static string NewContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "mahse-tests", "cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "uSync", "v17"));
        File.Copy(Path.Combine(Repository.Root, "appsettings.json"), Path.Combine(root, "appsettings.json"));
        return root;
    }

    public static async Task<Result> RunAsync(string contentRoot, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.SiteAssembly);
        foreach (var arg in args.Concat(["--contentRoot", contentRoot]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Umbraco__CMS__Unattended__UnattendedUserEmail"] = UmbracoSite.AdminEmail;
        start.Environment["Umbraco__CMS__Unattended__UnattendedUserPassword"] = UmbracoSite.AdminPassword;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await errors);
    }
}
