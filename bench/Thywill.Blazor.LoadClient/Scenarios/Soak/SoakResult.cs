namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>The outcome of a soak.</summary>
/// <param name="Options">What ran.</param>
/// <param name="ServerSettings">The configuration the server was given.</param>
/// <param name="Counts">What the tabs did and what the checks found (warm-up included).</param>
/// <param name="DistinctRooms">Distinct room names the run used.</param>
/// <param name="Heap">The server's heap after a full GC: at the start, every interval, and at the end.</param>
/// <param name="StartHeapBytes">After the warm-up's tabs had gone and the retention had passed.</param>
/// <param name="EndHeapBytes">After the churn's tabs had gone and the retention had passed.</param>
/// <param name="ServerClientsAtEnd">The clients the server still counted at the end.</param>
internal sealed record SoakResult(
    SoakOptions Options,
    IReadOnlyDictionary<string, string> ServerSettings,
    SoakCounts Counts,
    int DistinctRooms,
    IReadOnlyList<HeapSample> Heap,
    long StartHeapBytes,
    long EndHeapBytes,
    int ServerClientsAtEnd)
{
    /// <summary>The end's heap relative to the start's (0.05 is 5 % more).</summary>
    public double Change => (EndHeapBytes - StartHeapBytes) / (double)StartHeapBytes;

    /// <summary>Whether the end is within the tolerance of the start, either way.</summary>
    public bool Flat => Math.Abs(Change) <= Options.FlatTolerance;

    /// <summary>Whether the end is more than the tolerance above the start: something the clients left was kept.</summary>
    public bool Grew => Change > Options.FlatTolerance;
}
