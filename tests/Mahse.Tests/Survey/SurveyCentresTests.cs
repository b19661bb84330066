using System.Net;
using System.Text.Json;

namespace Mahse.Tests.Survey;

/// <summary>
/// Centres of excellence on the real site: the formula of decision 0009 with its evidence, organisation and
/// department levels, the division filter, five responses at least, champion counts per view, and the method.
/// </summary>
[Collection(SurveySiteCollection.Name)]
public sealed class SurveyCentresTests(SurveySite site) : IAsyncLifetime
{
    private const string Alpha = "Centre Alpha Trust";
    private const string Beta = "Centre Beta Trust";
    private const string Gamma = "Centre Gamma Trust";

    public async Task InitializeAsync()
    {
        var lines = new List<string>();
        // Alpha: 12 in its lab and 8 in its clinic, each with 2 research projects and 1 publication, 4 of them willing
        // champions; 3 more name no department and report nothing.
        lines.AddRange(Enumerable.Range(1, 12).Select(i => SurveyApi.Line($"CEN-A-L{i}", Alpha, site: "Alpha Lab", research: 2, publication: 1, champion: i <= 4)));
        lines.AddRange(Enumerable.Range(1, 8).Select(i => SurveyApi.Line($"CEN-A-C{i}", Alpha, site: "Alpha Clinic", research: 2, publication: 1)));
        lines.AddRange(Enumerable.Range(1, 3).Select(i => SurveyApi.Line($"CEN-A-N{i}", Alpha, site: null)));
        // Beta: as active per response (2 grants = 8 weighted), but only five responses, so a quarter of the confidence.
        lines.AddRange(Enumerable.Range(1, 5).Select(i => SurveyApi.Line($"CEN-B-{i}", Beta, site: "Beta Lab", grants: 2)));
        // Gamma: four very active responses; under five, so never ranked.
        lines.AddRange(Enumerable.Range(1, 4).Select(i => SurveyApi.Line($"CEN-G-{i}", Gamma, site: "Gamma Lab", grants: 50)));
        await site.ImportAsync(SurveyApi.Csv([.. lines]));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement Centre(JsonElement ranking, string organisation, string? department = null) => ranking.EnumerateArray().Single(c =>
        c.GetProperty("organisation").GetString() == organisation && (department is null || c.GetProperty("department").GetString() == department));

    [Fact]
    public async Task Organisations_are_ranked_by_the_formula_with_their_evidence()
    {
        using var visitor = site.Anonymous();
        var ranking = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres?take=100");

        var alpha = Centre(ranking, Alpha);
        var evidence = alpha.GetProperty("evidence");
        Assert.Equal(23, evidence.GetProperty("responses").GetInt32());
        Assert.Equal(40, evidence.GetProperty("activityTotals").GetProperty("research").GetInt32());
        Assert.Equal(20, evidence.GetProperty("activityTotals").GetProperty("publication").GetInt32());
        // (40 × 3 + 20 × 2) / 23 = 6.957 per response, full confidence from 20 responses.
        Assert.Equal(6.957, evidence.GetProperty("activityPerResponse").GetDouble(), 3);
        Assert.Equal(1.0, evidence.GetProperty("confidence").GetDouble());
        Assert.Equal(6.957, alpha.GetProperty("score").GetDouble(), 3);
        Assert.Equal(0, evidence.GetProperty("champions").GetInt32()); // four champions: under five outside the backoffice
        Assert.Equal("Greater Manchester", alpha.GetProperty("subRegion").GetString());

        var beta = Centre(ranking, Beta);
        Assert.Equal(8.0, beta.GetProperty("evidence").GetProperty("activityPerResponse").GetDouble(), 3);
        Assert.Equal(0.25, beta.GetProperty("evidence").GetProperty("confidence").GetDouble());
        Assert.Equal(2.0, beta.GetProperty("score").GetDouble(), 3);
        Assert.True(alpha.GetProperty("rank").GetInt32() < beta.GetProperty("rank").GetInt32());

        Assert.DoesNotContain(ranking.EnumerateArray(), c => c.GetProperty("organisation").GetString() == Gamma);
        var ranks = ranking.EnumerateArray().Select(c => c.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
        var scores = ranking.EnumerateArray().Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task Departments_are_ranked_without_the_responses_that_name_none()
    {
        using var visitor = site.Anonymous();
        var ranking = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres?level=department&take=100");

        var lab = Centre(ranking, Alpha, "Alpha Lab");
        Assert.Equal(12, lab.GetProperty("evidence").GetProperty("responses").GetInt32());
        Assert.Equal(4.8, lab.GetProperty("score").GetDouble(), 3); // 8 per response × 12 / 20
        Assert.Equal(3.2, Centre(ranking, Alpha, "Alpha Clinic").GetProperty("score").GetDouble(), 3);
        Assert.DoesNotContain(ranking.EnumerateArray(), c => c.GetProperty("organisation").GetString() == Alpha && c.GetProperty("department").ValueKind == JsonValueKind.Null);

        var physiological = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres?division=Physiological%20sciences&take=100");
        Assert.DoesNotContain(physiological.EnumerateArray(), c => c.GetProperty("organisation").GetString() == Alpha);

        using var bad = await visitor.GetAsync($"{SurveyApi.Public}/centres?level=galaxy");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Staff_see_every_champion_count_and_anyone_can_read_the_method()
    {
        using var admin = await site.ManagementClientAsync();
        var ranking = await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/centres?take=100");
        Assert.Equal(4, Centre(ranking, Alpha).GetProperty("evidence").GetProperty("champions").GetInt32());

        using var visitor = site.Anonymous();
        var method = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres/method");
        Assert.Equal("score = (Σ activity count × weight) / responses × min(1, responses / 20)", method.GetProperty("formula").GetString());
        Assert.Equal(3, method.GetProperty("weights").GetProperty("research").GetDouble());
        Assert.Equal(4, method.GetProperty("weights").GetProperty("grantHolding").GetDouble());
        Assert.Equal(5, method.GetProperty("minimumResponses").GetInt32());
        Assert.Equal(20, method.GetProperty("fullConfidenceAt").GetInt32());
    }
}

/// <summary>The ranking's aggregate reads the covering index alone (decision 0009: 28 ms against 186 ms at 100,000 responses).</summary>
[Collection(SurveySiteCollection.Name)]
public sealed class SurveyRankingIndexTests(SurveySite site)
{
    [Theory]
    [InlineData("")]
    [InlineData(" WHERE division = 'Life sciences'")]
    public async Task The_ranking_aggregate_is_answered_from_the_covering_index(string where)
    {
        var database = Path.Combine(site.ContentRoot, "umbraco", "Data", "Umbraco.sqlite.db");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + Mahse.Survey.Centres.CentresRanking.AggregateSql + where + " GROUP BY organisationId, site";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX IX_mahseSurveyResponse_Ranking", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)); // grouped in the index's order, no sort
    }
}
