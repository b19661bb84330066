namespace Mahse.Forms.Workflows;

/// <summary>
/// How the workflow outbox is worked (<c>Mahse:Forms:Workflows</c>). Umbraco Forms has no such settings: its workflows
/// run inside the request; ours run from the outbox, so these say how soon, how often and how long.
/// </summary>
public sealed class FormWorkflowOptions
{
    public const string Section = "Mahse:Forms:Workflows";

    /// <summary>Attempts before a run is recorded as Failed (an attempt cut short by a crash counts).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it (5 s, 10 s, 20 s …), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the outbox is looked at when nothing nudges it (a stored entry nudges it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after start-up before the first look.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed run belongs to the worker that claimed it. A run still Running after this is taken to be
    /// abandoned (its process died) and is claimed again. Must be well above <see cref="RunTimeout"/>.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most one run may take (an SMTP or HTTP call that hangs is cancelled and retried).</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The timeout of a post-to-URL request.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs claimed together (one write transaction claims them).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Entries worked at once; one entry's runs of a stage always go one after another, in sort order.</summary>
    public int Parallelism { get; set; } = 4;

    public TimeSpan Backoff(int attempts)
    {
        var seconds = BaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }

    /// <summary>The lease actually used: never shorter than twice a run's timeout, so a slow run is not claimed twice.</summary>
    public TimeSpan EffectiveLease => LeaseTimeout > RunTimeout * 2 ? LeaseTimeout : RunTimeout * 2;
}
