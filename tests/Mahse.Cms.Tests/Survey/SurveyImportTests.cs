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

/// <summary>A spreadsheet as people make them: formulas and merged cells (built with the Open XML SDK).</summary>
public sealed class SurveyXlsxTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Formulas_give_their_values_and_merged_cells_fill_the_rows_they_cover()
    {
        using var file = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(file, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetPart = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
            string?[][] rows =
            [
                ["respondentId", "organisation", "subRegion", "division", "specialism", "careerStage", "research"],
                ["M1", "The Walton Centre NHS Foundation Trust", "Cheshire and Merseyside", "Physiological sciences", "Clinical neurophysiology", "Clinical scientist", "=2+3"],
                ["M2", null, "Cheshire and Merseyside", "Physiological sciences", "Clinical neurophysiology", "Clinical scientist", "1"],
            ];
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    var value = rows[r][c];
                    if (value is null)
                    {
                        row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference }); // covered by the merge: no value
                        continue;
                    }

                    row.Append(value.StartsWith('=')
                        ? new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, CellFormula = new DocumentFormat.OpenXml.Spreadsheet.CellFormula(value[1..]), CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue("5") }
                        : new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString, InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value)) });
                }

                data.Append(row);
            }

            var worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
            worksheet.InsertAfter(new DocumentFormat.OpenXml.Spreadsheet.MergeCells(new DocumentFormat.OpenXml.Spreadsheet.MergeCell { Reference = "B2:B3" }), data);
            sheetPart.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Responses" }));
        }

        file.Position = 0;
        var report = await host.Services.GetRequiredService<SurveyImporter>().ImportAsync(file, "formulas.xlsx", new SurveyColumnMapping(), CancellationToken.None);

        Assert.True(report.Rejected.Count == 0, string.Join("; ", report.Rejected.Select(r => $"{r.Row}: {r.Reason}")));
        Assert.Equal(2, report.Imported);
        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        var m1 = await db.SurveyResponses.SingleAsync(r => r.RespondentId == "M1");
        var m2 = await db.SurveyResponses.SingleAsync(r => r.RespondentId == "M2");
        Assert.Equal(5, m1.ResearchCount);
        Assert.Equal(m1.OrganisationId, m2.OrganisationId); // the merged organisation cell covers both rows
    }
}

/// <summary>A huge file is streamed: rows are stored batch by batch while the rest of the file has not even been produced.</summary>
public sealed class SurveyStreamingTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>A forward-only CSV that is written as it is read, and notes how many rows were stored when it reached row 20,000.</summary>
    private sealed class ProducedCsv(IEnumerator<SurveyRecord> records, Func<int> storedSoFar) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes(string.Join(",", SurveyColumnMapping.Fields) + "\n");
        private int _offset;
        private int _produced;

        public int? StoredWhenHalfway { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_offset == _pending.Length)
            {
                if (!records.MoveNext())
                {
                    return 0;
                }

                if (++_produced == 20_000)
                {
                    StoredWhenHalfway = storedSoFar();
                }

                var r = records.Current;
                string?[] cells =
                [
                    r.RespondentId, r.Organisation, r.OrganisationKind, r.Site, r.SubRegion, r.Division, r.Specialism, r.CareerStage, r.Band,
                    .. SurveyVocabulary.Activities.Select(a => r.Activities[a].ToString()), string.Join(";", r.Barriers), string.Join(";", r.TrainingNeeds),
                    r.ChampionWilling ? "yes" : "no", "", r.ContactConsent ? "yes" : "no", r.ContactName, r.ContactEmail,
                ];
                _pending = Encoding.UTF8.GetBytes(string.Join(",", cells.Select(v => v is not null && v.Contains(',') ? "\"" + v + "\"" : v ?? "")) + "\n");
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Forty_thousand_rows_are_stored_in_batches_as_they_are_read()
    {
        int Stored()
        {
            using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
            return db.SurveyResponses.Count(r => r.RespondentId.StartsWith("SYN-99-"));
        }

        var stream = new ProducedCsv(SurveyGenerator.Generate(40_000, 99).GetEnumerator(), Stored);
        var report = await host.Services.GetRequiredService<SurveyImporter>().ImportAsync(stream, "huge.csv", new SurveyColumnMapping(), CancellationToken.None);

        Assert.Equal(40_000, report.Imported);
        Assert.InRange(stream.StoredWhenHalfway!.Value, 10_000, 20_000); // earlier batches were in the database before the file was half made
    }
}
