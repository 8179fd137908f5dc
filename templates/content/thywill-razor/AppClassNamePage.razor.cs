using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Rpc;

namespace ThywillApp1;

/// <summary>
/// The page: the room's messages (history first, then live), a box to add one, and a greeting from
/// the server through the typed RPC interface.
/// </summary>
public sealed partial class AppClassNamePage : ComponentBase, IDisposable
{
    /// <summary>How many lines the page keeps: a page open for days must not grow without bound.</summary>
    public const int MaxLines = 200;

    private readonly Queue<string> _lines = new();
    private IDisposable? _messages;
    private string _text = "";
    private string? _error;
    private string? _greeting;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // The handler goes on before the join: the room's history arrives as messages during it.
        _messages = Thywill.OnMessage(OnMessage);
        var joined = await Thywill.JoinAsync(AppClassNameApplication.Room, new ChannelJoinOptions(History: true));
        _error = joined.Ok ? null : $"{joined.Code}: {joined.Message}";
        _greeting = await Thywill.Rpc<IAppClassNameFunctions>().HelloAsync();
    }

    private Task OnMessage(Publication message)
    {
        if (message.ChannelName != AppClassNameApplication.Room)
        {
            return Task.CompletedTask;
        }

        if (_lines.Count == MaxLines)
        {
            _lines.Dequeue();
        }

        _lines.Enqueue(message.Data.ValueKind == JsonValueKind.Object && message.Data.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : message.Data.GetRawText());
        return Task.CompletedTask;
    }

    private async Task PublishAsync()
    {
        var text = _text.Trim();
        if (text.Length == 0)
        {
            return;
        }

        var published = await Thywill.PublishAsync(AppClassNameApplication.Room, new { text });
        _error = published.Ok ? null : $"{published.Code}: {published.Message}";   // too-large, rate-limited, ...
        if (published.Ok)
        {
            _text = "";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _messages?.Dispose();
}
