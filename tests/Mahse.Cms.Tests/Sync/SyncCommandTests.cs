using Mahse.Cms.Tests.Infrastructure;
using Mahse.Web;

namespace Mahse.Cms.Tests.Sync;

/// <summary>The command line: runs without a web server, prints the report as a table, exits non-zero on any failure.</summary>
public sealed class SyncCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mahse-cli", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:umbracoDbDSN"] = $"Data Source={Path.Combine(_root, "umbraco", "Data", "cli.db")};Pooling=False",
        ["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite",
        ["Logging:LogLevel:Default"] = "None",
    };

    public SyncCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "umbraco", "Data"));

    [Fact]
    public async Task Import_prints_a_table_and_exits_zero_then_export_writes_the_files()
    {
        var output = new StringWriter();
        var exit = await SyncCommand.RunAsync(["import", "--folder", Fixtures.MerchelloUsync], _root, output, Settings);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("Change", text);
        Assert.Matches(@"Create\s+Content\s+Bags & Totes\s+Content/bags-totes.config", text);
        Assert.Contains("0 Fail", text);

        var exportFolder = Path.Combine(_root, "out");
        Assert.Equal(0, await SyncCommand.RunAsync(["export", "--folder", exportFolder], _root, new StringWriter(), Settings));
        Assert.True(File.Exists(Path.Combine(exportFolder, "Content", "bags-totes.config")));
    }

    [Fact]
    public async Task A_failing_item_makes_the_exit_code_non_zero()
    {
        var folder = Fixtures.CopyToTemp(Fixtures.MerchelloUsync);
        await File.WriteAllTextAsync(Path.Combine(folder, "ContentTypes", "broken.config"), "<ContentType");
        var output = new StringWriter();

        var exit = await SyncCommand.RunAsync(["import", "--folder", folder, "--dry-run"], _root, output, Settings);

        Assert.Equal(1, exit);
        Assert.Contains("not valid XML", output.ToString());
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var output = new StringWriter();
        Assert.Equal(2, await SyncCommand.RunAsync(["frobnicate"], _root, output, Settings));
        Assert.Contains("usage", output.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
