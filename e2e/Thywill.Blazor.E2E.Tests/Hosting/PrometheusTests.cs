using System.Globalization;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// What an operator's Prometheus reads at <c>/metrics</c> after browsers used the apps: clients by
/// application and front end, publications and deliveries, RPC calls by function and outcome, and
/// refusals by code — counted from what the browsers did, not from the server's own calls.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PrometheusTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    [Fact]
    public Task Scrape_AfterBrowsersPublishAndCall_CountsWhatTheyDid() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var before = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));

        var relay = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        Assert.True((await relay.JoinAsync("room:metrics")).GetProperty("ok").GetBoolean());
        Assert.True((await relay.PublishAsync("room:metrics", "one")).GetProperty("ok").GetBoolean());
        Assert.True((await relay.PublishAsync("room:metrics", "two")).GetProperty("ok").GetBoolean());
        await relay.WaitForMessageAsync("m => m.data === 'two'");
        Assert.False((await relay.JoinAsync("$broadcast")).GetProperty("ok").GetBoolean());

        var calculations = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("calculations"));
        await calculations.Page.EvaluateAsync("() => Promise.all([thywill.call('add', 1, 2), thywill.call('add', 3, 4), thywill.call('nope').catch(e => e.code)])");
        var after = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));

        double Delta(string name, params string[] labels) => Sum(after, name, labels) - Sum(before, name, labels);
        Assert.Equal(1, Sum(after, "thywill_clients_connected", "thywill_application=\"relay\"", "thywill_front_end=\"js\""));
        Assert.True(Delta("thywill_client_connects_total", "thywill_application=\"calculations\"") >= 1);
        Assert.Equal(2, Delta("thywill_publications_total", "thywill_application=\"relay\""));
        Assert.True(Delta("thywill_deliveries_total", "thywill_application=\"relay\"") >= 2);
        Assert.Equal(2, Delta("thywill_rpc_duration_seconds_count", "thywill_function=\"add\"", "error_code=\"\""));
        Assert.Equal(1, Delta("thywill_rpc_duration_seconds_count", "thywill_function=\"(unknown)\"", "error_code=\"not-found\""));
        Assert.Equal(1, Delta("thywill_refusals_total", "thywill_application=\"relay\"", "thywill_operation=\"join\"", "error_code=\"invalid-channel\""));
        Assert.DoesNotContain("room:metrics", after, StringComparison.Ordinal);
    });

    // The sum of a metric's samples whose labels include all of these (Prometheus text format).
    private static double Sum(string scrape, string name, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}
