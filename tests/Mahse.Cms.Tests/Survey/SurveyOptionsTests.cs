using Mahse.Cms.Survey;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Tests.Survey;

/// <summary>The centres weights from configuration: one replaces its default, bad ones stop the start with a reason.</summary>
public sealed class SurveyOptionsTests
{
    private static SurveyOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSurvey(configuration).BuildServiceProvider().GetRequiredService<IOptions<SurveyOptions>>().Value;
    }

    [Fact]
    public void A_configured_weight_replaces_its_default_and_the_others_stay()
    {
        var options = Resolve(new() { ["Mahse:Survey:CentreWeights:research"] = "5" });
        Assert.Equal(5, options.CentreWeights["research"]);
        Assert.Equal(4, options.CentreWeights["grantHolding"]);
        Assert.Equal(SurveyVocabulary.Activities.Order(), options.CentreWeights.Keys.Order());
    }

    [Fact]
    public void An_unknown_activity_or_a_negative_weight_is_refused_with_what_is_wrong()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Mahse:Survey:CentreWeights:patents"] = "2",
            ["Mahse:Survey:CentreWeights:audit"] = "-1",
        }));
        Assert.Contains("'patents' is not an activity", error.Message);
        Assert.Contains("the weight of 'audit' must be 0 or more", error.Message);
    }
}
