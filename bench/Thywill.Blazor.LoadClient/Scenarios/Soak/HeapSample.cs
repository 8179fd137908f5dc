namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>One reading of the server's heap (its <c>/metrics</c> after a full collection induced from outside).</summary>
/// <param name="Phase"><c>warm-up</c>, <c>settle</c>, <c>start</c>, <c>churn</c>, <c>end</c>.</param>
/// <param name="Minute">Minutes since the run began.</param>
/// <param name="HeapBytes">The managed heap after the GC.</param>
/// <param name="RssBytes">The server's resident memory.</param>
/// <param name="ServerClients">Clients the server counted.</param>
/// <param name="OpenTabs">The soak's tabs open.</param>
/// <param name="Published">Publishes so far.</param>
/// <param name="Received">Receipts so far.</param>
/// <param name="Calls">Calls so far.</param>
/// <param name="LoadAverage">The machine's 1, 5 and 15 minute load averages then (it is shared).</param>
internal sealed record HeapSample(string Phase, double Minute, long HeapBytes, long RssBytes, int ServerClients, int OpenTabs, long Published, long Received, long Calls, string LoadAverage);
