using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Samples.Counter;

/// <summary>The counter's page: shows the count the server publishes and changes it through typed calls.</summary>
public sealed partial class CounterPage : ComponentBase, IDisposable
{
    private ICounterFunctions _counter = default!;
    private IDisposable? _messages;
    private long? _count;
    private string? _error;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _counter = Thywill.Rpc<ICounterFunctions>();

        // Before the join: the kept count arrives as a message while the join is answered, and
        // again after a reload (the tab stays in the channel; its history is replayed).
        _messages = Thywill.OnMessage(OnMessage);
        var joined = await Thywill.JoinAsync(CounterApplication.Channel, new ChannelJoinOptions(History: true));
        if (!joined.Ok)
        {
            _error = $"{joined.Code}: {joined.Message}";
        }
    }

    private Task OnMessage(Publication message)
    {
        if (message.ChannelName == CounterApplication.Channel)
        {
            _count = message.Data.GetProperty("count").GetInt64();
        }

        return Task.CompletedTask;
    }

    private Task IncrementAsync(int by) => CallAsync(() => _counter.IncrementAsync(by));

    private Task ResetAsync() => CallAsync(() => _counter.ResetAsync());

    // The page shows the count the channel delivers; a call's own answer is not needed for that.
    private async Task CallAsync(Func<Task<long>> call)
    {
        try
        {
            await call();
            _error = null;
        }
        catch (RpcException e)
        {
            _error = $"{e.Code}: {e.Message}";   // rate-limited, invalid-argument, timeout, ...
        }
    }

    /// <inheritdoc />
    public void Dispose() => _messages?.Dispose();
}
