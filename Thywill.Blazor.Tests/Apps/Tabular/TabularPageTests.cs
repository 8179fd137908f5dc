using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Thywill.Blazor.Apps.Tabular;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Apps.Tabular;

public sealed class TabularPageTests : BunitContext, IAsyncLifetime
{
    private const string Rows = "#tabular-table tbody tr.mud-table-row";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeThywillClient _client = new();

    public TabularPageTests()
    {
        // MudBlazor's components call its script (theme, popovers, chart sizing): answered loosely.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        _client.Answer = (_, _) => Task.FromResult<object?>(true);
    }

    [Fact]
    public void Render_BeforeStart_ShowsStoppedWithNoRowsAndRegistersOneHandler()
    {
        var cut = RenderTabular();

        Assert.Equal("false", cut.Find("#tabular-status").GetAttribute("data-running"));
        Assert.False(cut.Find("#tabular-start").HasAttribute("disabled"));
        Assert.True(cut.Find("#tabular-stop").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(Rows));
        Assert.Equal(1, _client.HandlerCount);
    }

    [Fact]
    public void ClickStart_Accepted_CallsStartAndShowsStreaming()
    {
        var cut = RenderTabular();

        cut.Find("#tabular-start").Click();

        Assert.Equal(["start"], _client.Calls);
        Assert.Equal("true", cut.Find("#tabular-status").GetAttribute("data-running"));
        Assert.True(cut.Find("#tabular-start").HasAttribute("disabled"));
        Assert.False(cut.Find("#tabular-stop").HasAttribute("disabled"));
    }

    [Fact]
    public void ClickStart_Refused_ShowsTheCodeAndStaysStopped()
    {
        _client.Answer = (_, _) => Task.FromException<object?>(new RpcException(ErrorCodes.Disconnected, "The client is not connected."));
        var cut = RenderTabular();

        cut.Find("#tabular-start").Click();

        Assert.StartsWith("disconnected: ", cut.Find("#tabular-error").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("#tabular-status").GetAttribute("data-running"));
    }

    [Fact]
    public void ClickStop_Streaming_CallsStopAndShowsStopped()
    {
        var cut = RenderTabular();
        cut.Find("#tabular-start").Click();

        cut.Find("#tabular-stop").Click();

        Assert.Equal(["start", "stop"], _client.Calls);
        Assert.Equal("false", cut.Find("#tabular-status").GetAttribute("data-running"));
    }

    [Fact]
    public async Task ClickStart_WhileTheAnswerIsPending_DisablesBothButtons()
    {
        var answer = new TaskCompletionSource<object?>();
        _client.Answer = (_, _) => answer.Task;
        var cut = RenderTabular();

        cut.Find("#tabular-start").Click();
        Assert.True(cut.Find("#tabular-start").HasAttribute("disabled"));
        Assert.True(cut.Find("#tabular-stop").HasAttribute("disabled"));

        answer.SetResult(true);
        await cut.WaitForAssertionAsync(() => Assert.False(cut.Find("#tabular-stop").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Push_Rows_ShownNewestFirstAndCounted()
    {
        var cut = RenderTabular();

        await PushRowsAsync(cut, 3);

        Assert.Equal(["3", "2", "1"], cut.FindAll(Rows + " td:first-child").Select(td => td.TextContent));
        Assert.Equal("3", cut.Find("#tabular-received").GetAttribute("data-count"));
        Assert.Equal("3", cut.Find("#tabular-chart").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Push_MoreRowsThanKept_TableAndChartKeepOnlyTheNewest()
    {
        var cut = RenderTabular();

        await PushRowsAsync(cut, 75);

        var numbers = cut.FindAll(Rows + " td:first-child").Select(td => long.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(TabularPage.MaxRows, numbers.Length);
        Assert.Equal(75, numbers[0]);
        Assert.Equal(75 - TabularPage.MaxRows + 1, numbers[^1]);
        Assert.Equal("75", cut.Find("#tabular-received").GetAttribute("data-count"));
        Assert.Equal(TabularPage.ChartPoints.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#tabular-chart").GetAttribute("data-points"));
    }

    [Fact]
    public async Task Push_SomethingThatIsNotARow_Ignored()
    {
        var cut = RenderTabular();

        await cut.InvokeAsync(() => _client.PushAsync(TestPublications.Of("hello")));
        cut.Render();

        Assert.Equal("0", cut.Find("#tabular-received").GetAttribute("data-count"));
    }

    [Fact]
    public async Task Dispose_Rendered_RemovesItsHandler()
    {
        RenderTabular();

        await DisposeComponentsAsync();

        Assert.Equal(0, _client.HandlerCount);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xunit 2 disposes synchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private IRenderedComponent<TabularPage> RenderTabular() =>
        Render<TabularPage>(parameters => parameters.AddCascadingValue<IThywillClient>(_client));

    // As the application sends them: camel-cased JSON, one publication per row.
    private async Task PushRowsAsync(IRenderedComponent<TabularPage> cut, int count)
    {
        for (var seq = 1; seq <= count; seq++)
        {
            var row = new SensorRow(seq, Start.AddMilliseconds(150 * seq), 20 + seq, 20 + (seq / 2.0));
            var publication = new Publication($"message-{seq}", TestPublications.Channel, "epoch-1", seq, from: null, JsonSerializer.SerializeToElement(row, JsonSerializerOptions.Web), row.Time);
            await cut.InvokeAsync(() => _client.PushAsync(publication));
        }

        cut.Render();
    }
}
