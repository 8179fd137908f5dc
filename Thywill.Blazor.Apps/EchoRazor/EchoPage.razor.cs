using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Apps.EchoRazor;

/// <summary>
/// The Razor front end of echo: a text box, a Send button and the last <see cref="MaxLines"/>
/// echoes (a page open for days must not grow its circuit without bound).
/// </summary>
public sealed partial class EchoPage : ComponentBase, IDisposable
{
    /// <summary>How many echoes the page keeps; older ones go, and the page says how many went.</summary>
    public const int MaxLines = 200;

    private readonly Queue<string> _received = new();
    private long _dropped;
    private IDisposable? _subscription;
    private string _text = "";
    private string? _error;
    private bool _sending;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _subscription = Thywill.OnMessage(OnMessage);
    }

    private Task OnMessage(Publication message)
    {
        if (_received.Count == MaxLines)
        {
            _received.Dequeue();
            _dropped++;
        }

        _received.Enqueue(message.Data.ValueKind == System.Text.Json.JsonValueKind.String ? message.Data.GetString()! : message.Data.GetRawText());
        return Task.CompletedTask;
    }

    private async Task SendAsync()
    {
        if (string.IsNullOrEmpty(_text))
        {
            return;
        }

        _sending = true;
        var result = await Thywill.SendAsync(_text);
        _sending = false;
        _error = result.Ok ? null : $"{result.Code}: {result.Message}";
        if (result.Ok)
        {
            _text = "";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();
}
