using System.Text;
using Mahse.Survey.Centres;
using Mahse.Survey.Configuration;
using Mahse.Survey.Export;
using Mahse.Survey.Generation;
using Mahse.Survey.Import;
using Mahse.Survey.Model;
using Microsoft.Extensions.Configuration;

namespace Mahse.Tests.Survey.Logic;

/// <summary>The generator: the same seed gives the same rows, realistic and marked synthetic (ported from the old engine's tests).</summary>
public sealed class SurveyGeneratorTests
{
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
            Assert.True(r.ContactEmail is null || r.ContactEmail.EndsWith("@synthetic.example", StringComparison.Ordinal));
        });
        Assert.Contains(first, r => r.Organisation == "Manchester University NHS Foundation Trust");
        Assert.True(first.Count(r => r.ChampionWilling) is > 10 and < 200);
        // About a third consent to be contacted (decision 0009).
        Assert.InRange(first.Count(r => r.ContactConsent) / 300.0, 0.2, 0.45);
    }
}

/// <summary>One row of a file to a record: vocabulary spellings, reasons for refusal, consent.</summary>
public sealed class SurveyRecordParserTests
{
    private static Dictionary<string, string?> Row(params (string Heading, string? Value)[] cells)
    {
        var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["respondentId"] = "P1", ["organisation"] = "Bolton NHS Foundation Trust", ["subRegion"] = "Greater Manchester", ["division"] = "Physiological sciences",
            ["specialism"] = "Audiology", ["careerStage"] = "Clinical scientist",
        };
        foreach (var (heading, value) in cells)
        {
            row[heading] = value;
        }

        return row;
    }

    [Fact]
    public void Spellings_are_normalised_to_the_vocabulary()
    {
        var record = SurveyRecordParser.Parse(
            Row(("division", "Physical Sciences & Biomedical Engineering"), ("specialism", "radiotherapy  physics"), ("subRegion", "greater manchester"),
                ("barriers", "Time;FUNDING, skills"), ("careerStage", "clinical SCIENTIST")),
            new SurveyColumnMapping(), out var reason);

        Assert.Null(reason);
        Assert.Equal("Physical sciences and biomedical engineering", record!.Division);
        Assert.Equal("Radiotherapy physics", record.Specialism);
        Assert.Equal("Greater Manchester", record.SubRegion);
        Assert.Equal("Clinical scientist", record.CareerStage);
        Assert.Equal(["time", "funding", "skills"], record.Barriers);
    }

    [Theory]
    [InlineData("division", "Astrology", "Unknown division 'Astrology' (expected one of: Life sciences, Physiological sciences")]
    [InlineData("subRegion", "Narnia", "Unknown sub-region 'Narnia' (expected one of: Cheshire and Merseyside")]
    [InlineData("research", "lots", "'lots' is not a count for research")]
    [InlineData("research", "-2", "'-2' is not a count for research")]
    [InlineData("championWilling", "perhaps", "'perhaps' is not yes or no (championWilling)")]
    [InlineData("organisation", "", "No organisation.")]
    public void A_bad_value_rejects_the_row_with_the_reason(string heading, string value, string reason)
    {
        Assert.Null(SurveyRecordParser.Parse(Row((heading, value)), new SurveyColumnMapping(), out var why));
        Assert.StartsWith(reason, why);
    }

    [Fact]
    public void Contact_details_are_dropped_without_consent_and_kept_with_it()
    {
        var without = SurveyRecordParser.Parse(Row(("contactConsent", "no"), ("contactName", "Ada"), ("contactEmail", "not even an address")), new SurveyColumnMapping(), out var reason);
        Assert.Null(reason);
        Assert.Equal((false, null, null), (without!.ContactConsent, without.ContactName, without.ContactEmail));

        var with = SurveyRecordParser.Parse(Row(("contactConsent", "Yes"), ("contactName", "Ada"), ("contactEmail", "ada@nhs.test")), new SurveyColumnMapping(), out _);
        Assert.Equal((true, "Ada", "ada@nhs.test"), (with!.ContactConsent, with.ContactName, with.ContactEmail));

        Assert.Null(SurveyRecordParser.Parse(Row(("contactConsent", "yes"), ("contactEmail", "nope")), new SurveyColumnMapping(), out var bad));
        Assert.Contains("'nope' is not an email address", bad);
    }

    [Fact]
    public void A_row_without_an_id_gets_the_same_hash_id_each_time_and_a_different_one_for_different_values()
    {
        var a = SurveyRecordParser.Parse(Row(("respondentId", null)), new SurveyColumnMapping(), out _)!;
        var b = SurveyRecordParser.Parse(Row(("respondentId", null)), new SurveyColumnMapping(), out _)!;
        var c = SurveyRecordParser.Parse(Row(("respondentId", null), ("research", "3")), new SurveyColumnMapping(), out _)!;

        Assert.StartsWith("ROW-", a.RespondentId);
        Assert.Equal(a.RespondentId, b.RespondentId);
        Assert.NotEqual(a.RespondentId, c.RespondentId);
    }

    [Fact]
    public void A_mapping_names_headings_and_refuses_unknown_fields()
    {
        var mapping = SurveyColumnMapping.Parse("""{"columns": {"Organisation": "Trust name", "research": "Research (12 months)"}, "listSeparator": "|"}""");
        Assert.Equal("Trust name", mapping.HeadingFor("organisation"));
        Assert.Equal("division", mapping.HeadingFor("division"));
        Assert.Equal("|", mapping.ListSeparator);

        var error = Assert.Throws<ArgumentException>(() => SurveyColumnMapping.Parse("""{"columns": {"trust": "Trust name"}}"""));
        Assert.Contains("unknown fields: trust", error.Message);
    }

    [Fact]
    public void Formula_looking_text_survives_an_export_and_re_import()
    {
        const string comment = "=HYPERLINK(\"https://evil.example\")";
        Assert.Equal("'" + comment, SurveyExport.Neutralise(comment));
        var back = SurveyRecordParser.Parse(Row(("comments", SurveyExport.Neutralise(comment))), new SurveyColumnMapping(), out _);
        Assert.Equal(comment, back!.Comments);
        Assert.Equal("'quoted", SurveyExport.Restore("'quoted")); // a quote the export did not add stays
    }
}

/// <summary>Reading files: CSV and XLSX row by row, broken ones refused with the reason.</summary>
public sealed class SurveyTableTests
{
    [Fact]
    public async Task An_xlsx_sheet_reads_like_a_csv_with_numbers_as_text()
    {
        var xlsx = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(xlsx, new[] { new Dictionary<string, object?> { ["organisation"] = "Bolton NHS Foundation Trust", ["research"] = 3 } });
        xlsx.Position = 0;

        var (table, problem) = await SurveyTable.OpenAsync(xlsx, "survey.xlsx", CancellationToken.None);

        Assert.Null(problem);
        using (table)
        {
            Assert.Equal(["organisation", "research"], table!.Headings);
            var row = Assert.Single(table.Rows());
            Assert.Equal("3", row["research"]);
        }
    }

    [Fact]
    public async Task A_broken_workbook_an_empty_csv_and_another_type_are_refused_with_a_reason()
    {
        var (broken, why) = await SurveyTable.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes("PK this is no zip")), "survey.xlsx", CancellationToken.None);
        Assert.Null(broken);
        Assert.StartsWith("The file could not be read as XLSX", why);

        Assert.Equal("The file is empty.", (await SurveyTable.OpenAsync(new MemoryStream(), "survey.csv", CancellationToken.None)).Problem);
        Assert.Contains("'.json' cannot be imported", (await SurveyTable.OpenAsync(new MemoryStream([1]), "survey.json", CancellationToken.None)).Problem);
    }
}

/// <summary>The ranking's formula and the weights from configuration (checked at start-up).</summary>
public sealed class SurveyCentreScoreTests
{
    private static readonly Dictionary<string, double> Weights = new SurveyOptions().CentreWeights;

    [Fact]
    public void The_score_is_weighted_activity_per_response_times_confidence()
    {
        var totals = new Dictionary<string, int> { ["audit"] = 10, ["serviceImprovement"] = 5, ["research"] = 4, ["innovation"] = 0, ["publication"] = 2, ["grantHolding"] = 1 };
        // (10×0.5 + 5×1 + 4×3 + 0×3 + 2×2 + 1×4) / 10 = 3.0 per response, confidence 10/20.
        Assert.Equal(3.0, CentreScore.PerResponse(totals, Weights, 10), 6);
        Assert.Equal(0.5, CentreScore.Confidence(10));
        Assert.Equal(1.5, CentreScore.Score(totals, Weights, 10));
        Assert.Equal(1.0, CentreScore.Confidence(40));
    }

    private static SurveyOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new SurveyOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SurveyOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void A_configured_weight_replaces_its_default_and_the_others_stay()
    {
        var options = Bind(new() { ["Mahse:Survey:CentreWeights:research"] = "5" });
        Assert.Equal(5, options.CentreWeights["research"]);
        Assert.Equal(4, options.CentreWeights["grantHolding"]);
        Assert.True(new SurveyOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void An_unknown_activity_or_a_negative_weight_is_refused_with_what_is_wrong()
    {
        var result = new SurveyOptionsValidator().Validate(null, Bind(new()
        {
            ["Mahse:Survey:CentreWeights:patents"] = "2",
            ["Mahse:Survey:CentreWeights:audit"] = "-1",
        }));
        Assert.True(result.Failed);
        Assert.Contains("'patents' is not an activity", result.FailureMessage);
        Assert.Contains("the weight of 'audit' must be 0 or more", result.FailureMessage);
    }

    [Fact]
    public void Viewer_groups_default_to_administrators_and_reviewers_and_configuration_replaces_them()
    {
        Assert.Equal(["admin", "reviewers"], Bind(new()).Viewers);
        Assert.Equal(["editor"], Bind(new() { ["Mahse:Survey:ViewerGroups:0"] = "editor" }).Viewers);
    }
}
