using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey;

/// <summary>A site configured with a weight for an activity that does not exist, and a negative one.</summary>
public sealed class BadWeightsSite : UmbracoSite
{
    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mahse:Survey:CentreWeights:patents"] = "2",
        ["Mahse:Survey:CentreWeights:audit"] = "-1",
    };

    /// <summary>Only prepares the content root; the test starts it (and expects it to stop).</summary>
    public override Task InitializeAsync() => Task.CompletedTask;

    public Task StartWithContentRootAsync() => base.InitializeAsync();
}

/// <summary>The centres weights are checked at start-up: wrong ones stop the site with the reason (decision 0009).</summary>
public sealed class SurveySettingsTests : IAsyncLifetime
{
    private readonly BadWeightsSite _site = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Unknown_or_negative_weights_stop_the_site_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(_site.StartWithContentRootAsync);
        Assert.Contains("exited with code", error.Message);
        Assert.Contains("'patents' is not an activity", error.Message);
        Assert.Contains("the weight of 'audit' must be 0 or more", error.Message);
    }
}
