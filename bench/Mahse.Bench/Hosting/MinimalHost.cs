using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Mahse.Bench.Hosting;

/// <summary>
/// The smallest ASP.NET Core app (one minimal-API endpoint), started by the start-up bench as its floor: what starting
/// a .NET web process costs here before Umbraco does anything.
/// </summary>
public static class MinimalHost
{
    public const string Probe = "/";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(Probe, () => "ok");
        await app.RunAsync();
        return 0;
    }
}
