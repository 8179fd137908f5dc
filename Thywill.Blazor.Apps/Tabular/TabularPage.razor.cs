using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Apps.Tabular;

/// <summary>
/// The front end of tabular: Start and Stop call the server; the rows it pushes go into a table
/// (newest first, the last <see cref="MaxRows"/>) and a line chart (the last <see cref="ChartPoints"/>).
/// </summary>
public sealed partial class TabularPage : ComponentBase, IDisposable
{
    /// <summary>How many rows the table keeps.</summary>
    public const int MaxRows = 50;

    /// <summary>How many readings the chart plots.</summary>
    public const int ChartPoints = 60;

    // A time label every this many points keeps the x axis readable.
    private const int LabelEvery = 15;

    private readonly List<SensorRow> _rows = new(MaxRows + 1);
    private readonly Queue<SensorRow> _chartRows = new(ChartPoints + 1);
    private readonly LineChartOptions _chartOptions = new() { LineStrokeWidth = 2 };
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private IDisposable? _subscription;
    private long _received;
    private bool _running;
    private bool _busy;
    private string? _error;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _subscription = Thywill.OnMessage(OnMessage);
        BuildChart();
    }

    private Task OnMessage(Publication message)
    {
        // The application sends only rows; anything else is not for this page.
        if (message.Data.ValueKind != JsonValueKind.Object
            || message.Data.Deserialize<SensorRow>(JsonSerializerOptions.Web) is not { } row)
        {
            return Task.CompletedTask;
        }

        _received++;
        _rows.Insert(0, row);
        if (_rows.Count > MaxRows)
        {
            _rows.RemoveAt(_rows.Count - 1);
        }

        _chartRows.Enqueue(row);
        if (_chartRows.Count > ChartPoints)
        {
            _chartRows.Dequeue();
        }

        BuildChart();
        return Task.CompletedTask;
    }

    // New series objects each time: the chart redraws when its parameters change, not when a list
    // it was given changes underneath it.
    private void BuildChart()
    {
        var rows = _chartRows.ToArray();
        _series =
        [
            new ChartSeries<double> { Name = "Value", Data = new ChartData<double>(rows.Select(r => r.Value).ToArray()) },
            new ChartSeries<double> { Name = $"Average of {SimulatedSensor.Window}", Data = new ChartData<double>(rows.Select(r => r.Average).ToArray()) },
        ];
        _labels = rows
            .Select(r => r.Seq % LabelEvery == 0 ? r.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "")
            .ToArray();
    }

    private async Task StartAsync()
    {
        if (await CallAsync("start"))
        {
            _running = true;
        }
    }

    private async Task StopAsync()
    {
        if (await CallAsync("stop"))
        {
            _running = false;
        }
    }

    // Both functions answer whether they changed anything; either way the stream is then in the
    // state asked for, so only a failure matters here.
    private async Task<bool> CallAsync(string function)
    {
        _busy = true;
        try
        {
            await Thywill.CallAsync<bool>(function);
            _error = null;
            return true;
        }
        catch (RpcException ex)
        {
            _error = $"{ex.Code}: {ex.Message}";
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();
}
