using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey.Backoffice;

/// <summary>
/// The site for the Survey section's browser tests: no uSync content (the section needs none) and no first-boot demo
/// responses, so the counts, charts and ranking are the tests' own import.
/// </summary>
public sealed class SurveyBackofficeSite : UmbracoSite
{
    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "false",
        ["Mahse:Survey:SeedOnFirstBoot"] = "0",
    };
}
