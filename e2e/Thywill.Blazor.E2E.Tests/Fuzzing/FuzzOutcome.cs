namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>What the page saw when it made a fuzz call.</summary>
internal sealed record FuzzOutcome
{
    /// <summary><c>answer</c> (the method returned), <c>rejected</c> (the promise was rejected) or <c>hang</c> (no answer in time).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The answer's <c>ok</c>.</summary>
    public bool Ok { get; init; }

    /// <summary>The answer's <c>code</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The answer's <c>message</c>, or the rejection's.</summary>
    public string? Message { get; init; }

    /// <summary><c>thywill.state</c> after the call.</summary>
    public string? State { get; init; }

    public override string ToString() => $"{Kind} ok={Ok} code={Code ?? "-"} state={State} message={Message}";
}
