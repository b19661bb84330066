using System.Text.Json;
using Mahse.Survey.Search;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey.Search;

/// <summary>A new site that seeds a small synthetic survey on first boot, so SurveyIndex has something to follow before any import.</summary>
public sealed class SeededSurveyIndexSite : UmbracoSite
{
    public const int Seeded = 40;

    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mahse:Survey:SeedOnFirstBoot"] = Seeded.ToString(),
    };

    public SurveyTable Table => new(ContentRoot);
}

/// <summary>
/// SurveyIndex keeps up with the table without anyone pressing Rebuild: the first-boot seed reaches it (the seed
/// publishes SurveyImportedNotification), and at start-up it is counted against the table, so rows it missed while the
/// site was down are written, and so are rows changed while it was down (its newest write is older than the table's).
/// Each within 30 seconds, before Umbraco's own start-up rebuild (a minute after a start) could be what filled it.
/// </summary>
public sealed class SurveyIndexStartupTests(SeededSurveyIndexSite site) : IClassFixture<SeededSurveyIndexSite>
{
    [Fact]
    public async Task The_seed_reaches_the_index_and_rows_added_or_changed_while_it_was_down_are_written_at_the_next_start()
    {
        Assert.Equal(SeededSurveyIndexSite.Seeded, await site.Table.CountAsync());
        await DocumentCountReachesAsync(SeededSurveyIndexSite.Seeded);

        // Rows the index never heard of (written straight into the table), then a restart.
        await site.Table.AddAsync(Enumerable.Range(1, 5).Select(i => new TestResponse(
            $"MISSED-{i}", "Startup Check Trust", "Cumbria", "Life sciences", "Virology", "Clinical scientist",
            1, 0, i, 0, 0, 0, ["time"], false, "Written while the index was not looking.")));
        await site.RestartAsync();
        await DocumentCountReachesAsync(SeededSurveyIndexSite.Seeded + 5);

        // A row changed (as a re-import by the command line would) while the site was down: the count is the same.
        await site.StopAsync();
        var changed = await site.Table.ChangeCommentsOfOneAsync("The zeppelin hangar needs recalibrating.");
        await site.StartAsync();
        using var client = await site.ManagementClientAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var body = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/umbraco/management/api/v1/searcher/{SurveyIndex.IndexName}/query?term=zeppelin");
            body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode
                && JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == changed))
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"The changed response {changed} was not found by its new comment within 30 s: {body}\n{site.Diagnostics()}");
    }

    private async Task DocumentCountReachesAsync(long expected)
    {
        using var client = await site.ManagementClientAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var body = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/umbraco/management/api/v1/indexer/{SurveyIndex.IndexName}");
            body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("documentCount").GetInt64() == expected)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"SurveyIndex did not reach {expected} documents within 30 s: {body}\n{site.Diagnostics()}");
    }
}
