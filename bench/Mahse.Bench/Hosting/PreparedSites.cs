using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mahse.Bench.Generation;
using Mahse.Bench.Reporting;

namespace Mahse.Bench.Hosting;

/// <summary>
/// Sites holding the MAHSE site plus N generated resources, built once and kept under the work folder. Building one
/// imports every generated file through the sync command line, one saved-and-published document at a time, which
/// for 10,000 items takes about an hour on this machine (the usync bench measures that cost); delivery
/// and start-up benches only need such a site to exist, so they reuse it. A cached site is keyed by the item count,
/// the generator's version and the MAHSE uSync files, and is copied before each use so that every run starts from the
/// same state. <c>--fresh</c> rebuilds it.
/// </summary>
public sealed class PreparedSites(RepositoryPaths repository, BenchOptions options, BenchOutput output)
{
    private const string ReadyMarker = "prepared.txt";

    public async Task<SiteRoot> GetAsync(int items, CancellationToken ct)
    {
        var folder = Path.Combine(options.WorkFolder, "cache", $"mahse-plus-{items}-{Fingerprint()}");
        var marker = Path.Combine(folder, ReadyMarker);
        if (!options.Fresh && File.Exists(marker))
        {
            output.Progress($"reusing the prepared site with {items:N0} generated items ({File.ReadAllText(marker).Trim()}) from {folder}");
            return SiteRoot.Existing(folder);
        }

        // Each step leaves a marker, so a run stopped half-way resumes where it was instead of starting the hour again
        // (the sync import is idempotent: items already imported report NoChange).
        output.Progress($"preparing a site with the MAHSE folder plus {items:N0} generated items in {folder} (once; later runs reuse it)");
        var clock = Stopwatch.StartNew();
        var seed = MahseSeed.Load(repository.MahseUsync);
        var schemaDone = Path.Combine(folder, "step-1-mahse-imported.txt");
        var generatedDone = Path.Combine(folder, "step-2-generated-imported.txt");
        var root = options.Fresh || !File.Exists(schemaDone)
            ? SiteRoot.Create(folder, repository, repository.MahseUsync)
            : SiteRoot.Existing(folder);
        var generated = Path.Combine(folder, "generated", "v17");
        var cli = new SyncCli(repository);
        if (!File.Exists(schemaDone))
        {
            var schema = await cli.RunAsync(root, "import", null, ct);
            EnsureClean(schema, "MAHSE folder");
            await File.WriteAllTextAsync(schemaDone, $"{schema.Items} items in {Figures.Ms(schema.ReportDuration)}", ct);
        }

        output.Progress($"MAHSE folder imported by the CLI: {File.ReadAllText(schemaDone)}");
        if (!File.Exists(generatedDone))
        {
            new ResourceGenerator(seed).Write(generated, items);
            var import = await cli.RunAsync(root, "import", generated, ct);
            EnsureClean(import, "generated folder");
            await File.WriteAllTextAsync(generatedDone, $"{import.Items:N0} items in {Figures.Ms(import.ReportDuration)} ({import.Count("Create"):N0} created)", ct);
        }

        output.Progress($"generated folder imported by the CLI: {File.ReadAllText(generatedDone)}");

        // Boot it once and wait for Umbraco's background indexing, so the cached copy holds complete Examine indexes.
        var site = new MahseSite(repository);
        await using (var host = await site.StartAsync(root, SiteSettings.With(("uSync:Settings:ImportOnFirstBoot", "false")), ct))
        {
            var indexed = await DeliveryIndex.WaitForAsync(host.BaseAddress, $"filter=contentType:{MahseSeed.ResourceType}", items + seed.PublishedResources, TimeSpan.FromMinutes(30), ct);
            output.Progress($"indexed by the Delivery API {Figures.Ms(indexed)} after the first 200");
        }

        if (Directory.Exists(Path.Combine(folder, "generated")))
        {
            Directory.Delete(Path.Combine(folder, "generated"), recursive: true);
        }

        await File.WriteAllTextAsync(marker,
            $"built {DateTime.Now:yyyy-MM-dd HH:mm}; this session {Figures.Ms(clock.Elapsed)}; CLI import of the generated items: {File.ReadAllText(generatedDone)}", ct);
        return root;
    }

    private static void EnsureClean(SyncRun run, string what)
    {
        if (run.ExitCode != 0 || run.Count("Fail") > 0 || run.Count("ParentMissing") > 0)
        {
            throw new BenchFailedException($"usync import of the {what} did not go in clean (exit {run.ExitCode}):\n{SyncRun.Tail(run.Output)}");
        }
    }

    /// <summary>The generator's version and a hash of the MAHSE uSync files: a change to either needs a new site.</summary>
    private string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"generator {ResourceGenerator.Version}\n"));
        foreach (var file in Directory.EnumerateFiles(repository.MahseUsync, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repository.MahseUsync, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }
}
