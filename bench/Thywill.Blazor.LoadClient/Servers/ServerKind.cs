namespace Thywill.Blazor.LoadClient.Servers;

/// <summary>The servers a benchmark can start.</summary>
public enum ServerKind
{
    /// <summary>The Thywill Host, with the bench application and the operator endpoint on.</summary>
    Thywill,

    /// <summary>Baseline: a plain SignalR hub.</summary>
    SignalR,

    /// <summary>Baseline: naive Blazor Server push (no outbox).</summary>
    Naive,
}
