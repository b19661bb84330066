namespace Mahse.Cms.Health;

/// <summary>Umbraco's runtime levels, as far as this runtime goes through them.</summary>
public enum RuntimeLevel
{
    Boot,
    Upgrade,
    Run,
    BootFailed,
}

/// <summary>What start-up did, for /health.</summary>
public sealed class RuntimeState
{
    public RuntimeLevel Level { get; set; } = RuntimeLevel.Boot;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? ReadyAt { get; set; }

    public IReadOnlyList<string> AppliedMigrations { get; set; } = [];

    public bool FirstBoot { get; set; }

    public string? FailureReason { get; set; }
}
