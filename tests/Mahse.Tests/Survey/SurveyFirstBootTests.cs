using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey;

/// <summary>A new site with the repository's appsettings.json (SeedOnFirstBoot 1000) and nothing else about the survey.</summary>
public sealed class SurveySeedSite : UmbracoSite
{
    // No MAHSE content needed: the seed does not depend on it, and an empty uSync folder boots faster.
    protected override string? UsyncSource => null;

    // Unset: the repository's appsettings.json decides, as for a new site (test sites default to no seed).
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Mahse:Survey:SeedOnFirstBoot"] = null };
}

/// <summary>The first boot loads the configured number of marked-synthetic responses, once.</summary>
public sealed class SurveyFirstBootTests(SurveySeedSite site) : IClassFixture<SurveySeedSite>
{
    [Fact]
    public async Task The_first_boot_loads_the_configured_synthetic_responses_and_a_restart_adds_none()
    {
        var configured = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "appsettings.json"))).RootElement
            .GetProperty("Mahse").GetProperty("Survey").GetProperty("SeedOnFirstBoot").GetInt32();
        Assert.Equal(1000, configured);

        using (var admin = await site.ManagementClientAsync())
        {
            var all = await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?take=500");
            Assert.Equal(configured, all.GetProperty("total").GetInt32());
            Assert.Equal(configured, (await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?synthetic=true&take=0")).GetProperty("total").GetInt32());
            Assert.All(all.GetProperty("items").EnumerateArray(), r =>
            {
                Assert.StartsWith("SYN-2026-", r.GetProperty("respondentId").GetString());
                Assert.True(r.GetProperty("isSynthetic").GetBoolean());
                var email = r.GetProperty("contactEmail");
                Assert.True(email.ValueKind == JsonValueKind.Null || email.GetString()!.EndsWith("@synthetic.example", StringComparison.Ordinal));
            });
        }

        // Public aggregates and a ranking exist for the demo.
        using var visitor = site.Anonymous();
        Assert.Equal(configured, (await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/summary")).GetProperty("responses").GetInt32());
        Assert.NotEmpty((await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres")).EnumerateArray());

        await site.RestartAsync();
        using var again = await site.ManagementClientAsync();
        Assert.Equal(configured, (await SurveySite.GetJsonAsync(again, $"{SurveyApi.Staff}/responses?take=0")).GetProperty("total").GetInt32());
    }
}
