using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Apps.EchoRazor;

/// <summary>The Razor front end of echo: a text box, a Send button and the list of echoes.</summary>
public sealed partial class EchoPage : ComponentBase, IDisposable
{
    private readonly List<string> _received = [];
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
        _received.Add(message.Data.ValueKind == System.Text.Json.JsonValueKind.String ? message.Data.GetString()! : message.Data.GetRawText());
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
