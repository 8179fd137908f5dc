namespace Thywill.Blazor.Hosting;

/// <summary>A per-client token bucket: <see cref="PerSecond"/> operations a second, up to <see cref="Burst"/> saved.</summary>
internal sealed class RateBudget
{
    /// <summary>Sustained operations per second.</summary>
    public int PerSecond { get; set; }

    /// <summary>Operations allowed at once above the sustained rate (the bucket's size).</summary>
    public int Burst { get; set; }
}
