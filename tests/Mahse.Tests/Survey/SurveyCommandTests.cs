using Mahse.Survey.Generation;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey;

/// <summary>The survey's command line on a new database: generate a CSV, import it, import it again (nothing changes), a bad file refused.</summary>
public sealed class SurveyCommandTests : IDisposable
{
    private readonly string _root = SiteCommand.NewContentRoot();

    [Fact]
    public async Task Generate_import_and_import_again()
    {
        var file = Path.Combine(_root, "synthetic.csv");
        var generate = await SiteCommand.RunAsync(_root, "survey", "generate", "--count", "250", "--seed", "5", "--csv", file);
        Assert.True(generate.ExitCode == 0, generate.Output);
        Assert.Equal(SurveyGenerator.Generate(250, 5).First().RespondentId, (await File.ReadAllLinesAsync(file))[1].Split(',')[0]);

        var import = await SiteCommand.RunAsync(_root, "survey", "import", file);
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("250 read, 250 imported, 0 updated, 0 unchanged, 0 rejected", import.Output);

        var again = await SiteCommand.RunAsync(_root, "survey", "import", file);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("250 read, 0 imported, 0 updated, 250 unchanged, 0 rejected", again.Output);

        var wrong = Path.Combine(_root, "wrong.csv");
        await File.WriteAllTextAsync(wrong, "Name,Colour\nAda,Blue\n");
        var refused = await SiteCommand.RunAsync(_root, "survey", "import", wrong);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("no column for organisation", refused.Output);

        Assert.Equal(2, (await SiteCommand.RunAsync(_root, "survey", "import")).ExitCode);
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
