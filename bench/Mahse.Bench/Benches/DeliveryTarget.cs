namespace Mahse.Bench.Benches;

/// <summary>One Delivery API request the bench loads, and the file nginx serves the same response bytes from.</summary>
public sealed record DeliveryTarget(string Label, string PathAndQuery, string MirrorFile)
{
    public byte[] Body { get; set; } = [];
}
