using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Sync;

/// <summary>
/// The sync module's command line on a new database, in the order a person would use it: a dry run of the Merchello
/// set (a real uSync 17.0.2 export) with one broken file added, the import, an export, and the same import again.
/// </summary>
public sealed class MerchelloByCommandLine : IAsyncLifetime
{
    public const string BrokenFile = "ContentTypes/zz-broken.config";

    public string ContentRoot { get; } = SiteCommand.NewContentRoot();

    public string Folder { get; } = Repository.CopyToTemp(Repository.MerchelloUsync);

    public string ExportFolder => Path.Combine(ContentRoot, "exported");

    public SiteCommand.Result DryRun { get; private set; } = null!;

    public SiteCommand.Result Import { get; private set; } = null!;

    public SiteCommand.Result Export { get; private set; } = null!;

    public SiteCommand.Result Again { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Folder, BrokenFile), "<ContentType Key=\"5b3f5a8e-0000-4000-8000-000000000001\" Alias=\"broken\"><Info>");
        DryRun = await SiteCommand.RunAsync(ContentRoot, "usync", "import", "--folder", Folder, "--dry-run");
        Import = await SiteCommand.RunAsync(ContentRoot, "usync", "import", "--folder", Folder);
        Export = await SiteCommand.RunAsync(ContentRoot, "usync", "export", "--folder", ExportFolder);
        Again = await SiteCommand.RunAsync(ContentRoot, "usync", "import", "--folder", Folder);
    }

    public Task DisposeAsync()
    {
        foreach (var dir in new[] { ContentRoot, Folder })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }
}

public sealed class SyncCommandTests(MerchelloByCommandLine run) : IClassFixture<MerchelloByCommandLine>
{
    private static IEnumerable<string> MerchelloFiles =>
        Directory.EnumerateFiles(Repository.MerchelloUsync, "*.config", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.MerchelloUsync, p).Replace('\\', '/'))
            .Where(p => p != "usync.config");

    private static string Change(SiteCommand.Result result, string file) =>
        (result.LineFor(file) ?? throw new Xunit.Sdk.XunitException($"no line for {file}\n{result.Output}")).Split(' ')[0];

    [Fact]
    public void A_dry_run_reports_creates_for_what_is_new_and_a_failure_for_the_broken_file()
    {
        Assert.Equal(1, run.DryRun.ExitCode);
        Assert.Contains("not valid XML", run.DryRun.LineFor(MerchelloByCommandLine.BrokenFile));
        var changes = MerchelloFiles.ToDictionary(f => f, f => Change(run.DryRun, f));
        Assert.All(changes.Values, c => Assert.Contains(c, new[] { "Create", "NoChange" }));

        // Umbraco installs Textstring, Textarea, Content Picker and the Member type with the same keys and settings.
        Assert.All(changes.Where(c => c.Key.StartsWith("Content", StringComparison.Ordinal) || c.Key.StartsWith("Templates", StringComparison.Ordinal)),
            c => Assert.Equal("Create", c.Value));
    }

    [Fact]
    public void The_import_after_a_dry_run_makes_exactly_the_changes_the_dry_run_predicted()
    {
        Assert.Equal(1, run.Import.ExitCode);
        Assert.StartsWith("Fail", run.Import.LineFor(MerchelloByCommandLine.BrokenFile));
        foreach (var file in MerchelloFiles)
        {
            Assert.Equal(Change(run.DryRun, file), Change(run.Import, file));
        }

        Assert.DoesNotContain("warning:", run.Import.Output);
    }

    [Fact]
    public void The_export_writes_the_merchello_files_back_byte_for_byte()
    {
        Assert.Equal(0, run.Export.ExitCode);
        foreach (var file in MerchelloFiles.Append("usync.config"))
        {
            var exported = Path.Combine(run.ExportFolder, file);
            Assert.True(File.Exists(exported), $"{file} was not exported.\n{run.Export.Output}");
            Assert.True(File.ReadAllBytes(Path.Combine(Repository.MerchelloUsync, file)).AsSpan().SequenceEqual(File.ReadAllBytes(exported)),
                $"{file} differs:\n{File.ReadAllText(exported)}");
        }
    }

    [Fact]
    public void Importing_the_same_files_again_changes_nothing()
    {
        Assert.Equal(1, run.Again.ExitCode);
        foreach (var file in MerchelloFiles)
        {
            Assert.StartsWith("NoChange", run.Again.LineFor(file) ?? $"(no line for {file})\n{run.Again.Output}");
        }
    }

    [Fact]
    public async Task An_unknown_verb_prints_the_usage_and_exits_2()
    {
        var usage = await SiteCommand.RunAsync(run.ContentRoot, "usync", "frobnicate");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage: usync import", usage.Output);
    }
}
