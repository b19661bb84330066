namespace Mahse.Bench.Hosting;

/// <summary>Starts the MAHSE site (Mahse.Web.dll) on a content root, as the tests and a service manager would.</summary>
public sealed class MahseSite(RepositoryPaths repository)
{
    /// <summary>The Delivery API's cheapest answer: what "the site serves" means in these benches.</summary>
    public const string Probe = "/umbraco/delivery/api/v2/content?take=1";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    public Task<HostProcess> StartAsync(SiteRoot root, IReadOnlyDictionary<string, string> settings, CancellationToken ct) =>
        HostProcess.StartAsync(repository.SiteAssembly, ["--contentRoot", root.Path], settings, Probe, StartTimeout, ct);
}
