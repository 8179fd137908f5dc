namespace Thywill.Blazor.Diagnostics;

/// <summary>
/// The names under which Thywill reports what it does, for an OpenTelemetry set-up to listen to:
/// <c>AddMeter(ThywillTelemetry.MeterName)</c> and <c>AddSource(ThywillTelemetry.ActivitySourceName)</c>.
/// The instruments are named <c>thywill.…</c> (docs/operations.md lists them).
/// </summary>
public static class ThywillTelemetry
{
    /// <summary>The meter of every Thywill instrument.</summary>
    public const string MeterName = "Thywill.Blazor";

    /// <summary>The activity source of Thywill's traces: publications, deliveries and RPC calls.</summary>
    public const string ActivitySourceName = "Thywill.Blazor";
}
