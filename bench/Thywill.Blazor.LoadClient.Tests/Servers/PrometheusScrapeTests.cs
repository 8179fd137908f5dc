using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Tests.Servers;

public sealed class PrometheusScrapeTests
{
    private const string Exposition = """
        # TYPE thywill_clients_connected gauge
        # HELP thywill_clients_connected Connected clients.
        thywill_clients_connected{otel_scope_name="Thywill.Blazor",thywill_application="echo",thywill_front_end="js"} 3 1733300000000
        thywill_clients_connected{otel_scope_name="Thywill.Blazor",thywill_application="chat room",thywill_front_end="razor"} 2
        dotnet_gc_collections_total{gc_heap_generation="gen1"} 7
        dotnet_gc_collections_total{gc_heap_generation="gen2"} 4
        dotnet_gc_collections_total{gc_heap_generation="gen20"} 100
        dotnet_gc_heap_total_allocated_bytes_total 1.5E+09
        target_info{service_name="thywill-blazor"} 1
        """;

    [Fact]
    public void Sum_OverEveryLabelSet_AddsTheSamples()
    {
        var scrape = PrometheusScrape.Parse(Exposition);

        Assert.Equal(5, scrape.Sum("thywill_clients_connected"));
        Assert.Equal(1.5e9, scrape.Sum("dotnet_gc_heap_total_allocated_bytes_total"));
    }

    [Fact]
    public void Sum_WithALabel_TakesOnlyTheSamplesCarryingItWhole()
    {
        var scrape = PrometheusScrape.Parse(Exposition);

        Assert.Equal(4, scrape.Sum("dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""));
        Assert.Equal(2, scrape.Sum("thywill_clients_connected", "thywill_application=\"chat room\""));
    }

    [Fact]
    public void Sum_OfAnAbsentSeries_IsZeroAndHasSaysSo()
    {
        var scrape = PrometheusScrape.Parse(Exposition);

        Assert.Equal(0, scrape.Sum("thywill_nope"));
        Assert.False(scrape.Has("thywill_nope"));
        Assert.True(scrape.Has("target_info"));
    }
}
