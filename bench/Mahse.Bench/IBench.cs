namespace Mahse.Bench;

public interface IBench
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>A bench could not measure what it set out to (a site did not start, a query answered wrongly, a tool is missing).</summary>
public sealed class BenchFailedException(string message) : Exception(message);
