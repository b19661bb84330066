using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mahse.Web;

namespace Mahse.Bench;

internal static class BenchHost
{
    public static string NewContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "mahse-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static Dictionary<string, string?> Settings(string root) => new()
    {
        ["ConnectionStrings:umbracoDbDSN"] = $"Data Source={Path.Combine(root, "umbraco", "Data", "Umbraco.sqlite.db")};Cache=Shared;Foreign Keys=True;Pooling=True",
        ["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite",
        ["Umbraco:CMS:Unattended:UnattendedUserEmail"] = "bench@mahse.example",
        ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = "benchmark-password",
        ["Mahse:ApiUsers:0:ClientId"] = "umbraco-back-office-bench",
        ["Mahse:ApiUsers:0:ClientSecret"] = "bench-secret-0123456789",
        ["Mahse:ApiUsers:0:UserGroup"] = "Administrators",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Runs the portal in this process (the child side of <see cref="TimeStartupAsync"/>).</summary>
    public static async Task RunAsync(string root, string url)
    {
        Directory.CreateDirectory(Path.Combine(root, "umbraco", "Data"));
        var app = MahseApp.Create(["--urls", url], root, Settings(root));
        await app.RunAsync();
    }

    /// <summary>Time from starting a fresh process to its first 200 from /health.</summary>
    public static async Task<TimeSpan> TimeStartupAsync(string root)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var started = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(BenchHost).Assembly.Location, "host", root, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (started.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var response = await http.GetAsync(url + "/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return started.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException("The host exited: " + await process.StandardError.ReadToEndAsync());
                }

                await Task.Delay(10);
            }

            throw new TimeoutException("No 200 from /health within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
