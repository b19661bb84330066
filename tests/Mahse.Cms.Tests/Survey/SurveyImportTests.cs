using System.Text;
using Mahse.Cms.Persistence;
using Mahse.Cms.Survey;
using Mahse.Cms.Tests.Infrastructure;
using Mahse.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Survey;

public sealed class SurveyHost : SqlitePortalHost;

/// <summary>The R&amp;I survey import: mapping, streaming, rejected rows with reasons, idempotent re-import, the generator.</summary>
public sealed class SurveyImportTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private SurveyImporter Importer => host.Services.GetRequiredService<SurveyImporter>();

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<SurveyResponseRow?> ResponseAsync(string respondent)
    {
        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        return await db.SurveyResponses.AsNoTracking().SingleOrDefaultAsync(r => r.RespondentId == respondent);
    }

    [Fact]
    public void The_generator_is_deterministic_realistic_and_marked_synthetic()
    {
        var first = SurveyGenerator.Generate(300, 7).ToList();
        var again = SurveyGenerator.Generate(300, 7).ToList();
        var other = SurveyGenerator.Generate(300, 8).ToList();

        Assert.Equal(first.Select(r => (r.RespondentId, r.Organisation, r.Specialism, r.Activities["research"])), again.Select(r => (r.RespondentId, r.Organisation, r.Specialism, r.Activities["research"])));
        Assert.NotEqual(first.Select(r => r.Organisation), other.Select(r => r.Organisation));
        Assert.All(first, r =>
        {
            Assert.True(r.IsSynthetic);
            Assert.StartsWith("SYN-7-", r.RespondentId);
            Assert.Contains(r.SubRegion, SurveyVocabulary.SubRegions);
            Assert.Contains(r.Specialism, SurveyVocabulary.Specialisms[r.Division]);
            Assert.Equal(r.ContactConsent, r.ContactEmail is not null);
        });
        Assert.Contains(first, r => r.Organisation == "Manchester University NHS Foundation Trust");
        Assert.True(first.Count(r => r.ChampionWilling) is > 10 and < 200);
    }

    [Fact]
    public async Task A_real_export_loads_through_a_mapping_with_bad_rows_reported_and_the_rest_imported()
    {
        var mapping = new SurveyColumnMapping
        {
            Columns = new(StringComparer.OrdinalIgnoreCase)
            {
                ["respondentId"] = "Response ID", ["organisation"] = "Trust", ["subRegion"] = "ICS", ["division"] = "HCS division",
                ["specialism"] = "Specialism", ["careerStage"] = "Role", ["research"] = "Research projects (12 months)", ["audit"] = "Audits",
                ["championWilling"] = "Champion?", ["comments"] = "Anything else?", ["contactConsent"] = "May we contact you?", ["contactEmail"] = "Email",
                ["barriers"] = "Barriers",
            },
        };
        var csv = """
            Response ID,Trust,ICS,HCS division,Specialism,Role,Research projects (12 months),Audits,Champion?,Anything else?,May we contact you?,Email,Barriers
            R1,Stockport NHS Foundation Trust,Greater Manchester,Life Sciences,clinical biochemistry,Clinical scientist,2,5,Yes,"Protected time, please",yes,r1@nhs.test,Time;Funding
            R2,Stockport NHS Foundation Trust,Greater Manchester,Astrology,Stars,Clinical scientist,0,0,No,,no,,
            R3,Bolton NHS Foundation Trust,Narnia,Physiological sciences,Audiology,Clinical scientist,0,1,No,,no,,
            R4,Bolton NHS Foundation Trust,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,lots,1,No,,no,,
            R5,Bolton NHS Foundation Trust,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,1,1,No,"=HYPERLINK(""https://evil.example"",""x"")",no,secret@nhs.test,
            R5,Bolton NHS Foundation Trust,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,9,9,No,,no,,
            R6,The Christie NHS Foundation Trust,greater manchester,Physical Sciences & Biomedical Engineering,Radiotherapy physics,Consultant clinical scientist,4,2,yes,,no,,skills
            """;

        var report = await Importer.ImportAsync(Csv(csv), "export.csv", mapping, CancellationToken.None);

        Assert.Null(report.FileProblem);
        Assert.Equal(7, report.RowsRead);
        Assert.Equal(3, report.Imported);
        Assert.Equal([3, 4, 5, 7], report.Rejected.Select(r => r.Row).ToArray());
        Assert.Contains("Unknown division 'Astrology'", report.Rejected[0].Reason);
        Assert.Contains("Unknown sub-region 'Narnia'", report.Rejected[1].Reason);
        Assert.Contains("'lots' is not a count for research", report.Rejected[2].Reason);
        Assert.Contains("Duplicate respondent 'R5'", report.Rejected[3].Reason);

        var r1 = (await ResponseAsync("R1"))!;
        Assert.Equal(("Life sciences", "Clinical biochemistry", 2, 5, "time,funding"), (r1.Division, r1.Specialism, r1.ResearchCount, r1.AuditCount, r1.Barriers));
        Assert.Equal("r1@nhs.test", r1.ContactEmail);
        var r5 = (await ResponseAsync("R5"))!;
        Assert.Equal("=HYPERLINK(\"https://evil.example\",\"x\")", r5.Comments); // kept as text; neutralised on export
        Assert.Null(r5.ContactEmail); // no consent, so not kept
        Assert.Equal("Physical sciences and biomedical engineering", (await ResponseAsync("R6"))!.Division);

        var again = await Importer.ImportAsync(Csv(csv), "export.csv", mapping, CancellationToken.None);
        Assert.Equal((0, 0, 3), (again.Imported, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task A_file_with_the_wrong_headings_is_refused_before_any_row()
    {
        var report = await Importer.ImportAsync(Csv("Name,Colour\nAda,Blue\n"), "wrong.csv", new SurveyColumnMapping(), CancellationToken.None);

        Assert.True(report.Failed);
        Assert.Contains("no column for organisation", report.FileProblem);
        Assert.Equal(0, report.RowsRead);
        Assert.True((await Importer.ImportAsync(Csv("x"), "survey.json", new SurveyColumnMapping(), CancellationToken.None)).Failed);
    }

    [Fact]
    public async Task An_xlsx_export_imports_like_a_csv_and_rows_without_ids_are_recognised_on_re_import()
    {
        var rows = SurveyGenerator.Generate(40, 11).Select(r => new Dictionary<string, object?>
        {
            ["organisation"] = r.Organisation, ["subRegion"] = r.SubRegion, ["division"] = r.Division, ["specialism"] = r.Specialism,
            ["careerStage"] = r.CareerStage, ["research"] = r.Activities["research"], ["championWilling"] = r.ChampionWilling ? "yes" : "no",
        }).ToList();
        var xlsx = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(xlsx, rows);

        xlsx.Position = 0;
        var first = await Importer.ImportAsync(xlsx, "survey.xlsx", new SurveyColumnMapping(), CancellationToken.None);
        xlsx.Position = 0;
        var second = await Importer.ImportAsync(xlsx, "survey.xlsx", new SurveyColumnMapping(), CancellationToken.None);

        Assert.Equal(40, first.RowsRead);
        Assert.Equal(40 - first.Rejected.Count, first.Imported);
        Assert.All(first.Rejected, r => Assert.Contains("Duplicate respondent", r.Reason)); // identical generated rows hash alike
        Assert.Equal(first.Imported, second.Unchanged);
    }
}

/// <summary>The survey command line: generate to CSV, import it, import it again (idempotent), bad files refused.</summary>
public sealed class SurveyCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mahse-survey-cli", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:umbracoDbDSN"] = $"Data Source={Path.Combine(_root, "umbraco", "Data", "cli.db")};Pooling=False",
        ["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite",
        ["Logging:LogLevel:Default"] = "None",
    };

    public SurveyCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "umbraco", "Data"));

    [Fact]
    public async Task Generate_import_and_import_again()
    {
        var file = Path.Combine(_root, "synthetic.csv");
        Assert.Equal(0, await SurveyCommand.RunAsync(["generate", "--count", "250", "--seed", "5", "--csv", file], _root, new StringWriter(), Settings));
        Assert.Equal(SurveyGenerator.Generate(250, 5).First().RespondentId, (await File.ReadAllLinesAsync(file))[1].Split(',')[0]);

        var output = new StringWriter();
        Assert.Equal(0, await SurveyCommand.RunAsync(["import", file], _root, output, Settings));
        Assert.Contains("Rows read 250, imported 250, updated 0, unchanged 0, rejected 0", output.ToString());

        output = new StringWriter();
        Assert.Equal(0, await SurveyCommand.RunAsync(["import", file], _root, output, Settings));
        Assert.Contains("imported 0, updated 0, unchanged 250", output.ToString());

        var wrong = Path.Combine(_root, "wrong.csv");
        await File.WriteAllTextAsync(wrong, "a,b\n1,2\n");
        output = new StringWriter();
        Assert.Equal(1, await SurveyCommand.RunAsync(["import", wrong], _root, output, Settings));
        Assert.Contains("Refused: The file's headings do not match", output.ToString());
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
