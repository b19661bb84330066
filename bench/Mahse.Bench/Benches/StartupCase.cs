namespace Mahse.Bench.Benches;

/// <summary>
/// One start-up measured several times: each attempt's time to the first 200, and (where documents are expected) the
/// time until the Delivery API lists them all, since Umbraco indexes in the background after it starts serving.
/// </summary>
public sealed class StartupCase(string label, string? baselineLabel)
{
    public string Label { get; } = label;

    /// <summary>The case this one is compared with; null for a baseline.</summary>
    public string? BaselineLabel { get; } = baselineLabel;

    public List<double> FirstOkMs { get; } = [];

    public List<double> AllListedMs { get; } = [];
}
