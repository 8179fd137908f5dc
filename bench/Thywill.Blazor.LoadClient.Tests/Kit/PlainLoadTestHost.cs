namespace Thywill.Blazor.LoadClient.Tests.Kit;

/// <summary>The Host as configured by default: no operator endpoint, no bench application.</summary>
public sealed class PlainLoadTestHost() : LoadTestHost(benchFeatures: false);
