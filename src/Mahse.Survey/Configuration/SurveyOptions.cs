using Mahse.Survey.Model;
using Microsoft.Extensions.Options;

namespace Mahse.Survey.Configuration;

/// <summary>The survey's settings, bound from <c>Mahse:Survey</c>.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Mahse:Survey";

    public static readonly IReadOnlyList<string> DefaultViewerGroups = ["admin", "reviewers"];

    /// <summary>Synthetic responses loaded on a new site's first boot (1,000 in appsettings.json; 0 loads none).</summary>
    public int SeedOnFirstBoot { get; set; }

    /// <summary>
    /// Weight of each activity in the centres-of-excellence score: rarer, more demanding R&amp;I work counts more
    /// (decision 0009). Configured values replace the defaults one by one (the binder merges dictionary keys).
    /// </summary>
    public Dictionary<string, double> CentreWeights { get; set; } = new()
    {
        ["audit"] = 0.5, ["serviceImprovement"] = 1, ["research"] = 3, ["innovation"] = 3, ["publication"] = 2, ["grantHolding"] = 4,
    };

    /// <summary>
    /// User group aliases whose users see every response (with contact details and comments) and export them. Left
    /// empty here, as the binder appends to a list it finds filled; <see cref="Viewers"/> supplies the default.
    /// </summary>
    public List<string> ViewerGroups { get; set; } = [];

    public IReadOnlyList<string> Viewers => ViewerGroups.Count > 0 ? ViewerGroups : DefaultViewerGroups;
}

/// <summary>
/// Checked at start-up (ValidateOnStart): a weight for an unknown activity, a negative one or a missing one stops the
/// site with the reason, rather than ranking on weights nobody meant.
/// </summary>
public sealed class SurveyOptionsValidator : IValidateOptions<SurveyOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyOptions options)
    {
        var problems = options.CentreWeights.Where(w => !SurveyVocabulary.Activities.Contains(w.Key))
            .Select(w => $"'{w.Key}' is not an activity ({string.Join(", ", SurveyVocabulary.Activities)})")
            .Concat(options.CentreWeights.Where(w => w.Value < 0 || double.IsNaN(w.Value) || double.IsInfinity(w.Value)).Select(w => $"the weight of '{w.Key}' must be 0 or more"))
            .Concat(SurveyVocabulary.Activities.Where(a => !options.CentreWeights.ContainsKey(a)).Select(a => $"'{a}' has no weight"))
            .ToList();
        if (options.SeedOnFirstBoot < 0)
        {
            problems.Add("SeedOnFirstBoot must be 0 or more");
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SurveyOptions.Section}: " + string.Join("; ", problems) + ".");
    }
}
