using System.Collections.Immutable;
using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>The Razor client API over one client connection.</summary>
internal sealed class ThywillClient(ClientConnection connection, ClientConfiguration configuration, ChannelService channels, Rpc.RpcDispatcher rpc) : IThywillClient
{
    private ImmutableArray<Func<Publication, Task>> _messageHandlers = [];
    private ImmutableArray<Func<PresenceEvent, Task>> _presenceHandlers = [];

    public ClientInfo Client => connection.Client;

    public ClientConfiguration Configuration => configuration;

    public Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default) =>
        connection.ReceiveAsync(ToElement(data), cancellationToken);

    public Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options = null, CancellationToken cancellationToken = default) =>
        channels.ClientJoinAsync(connection, channel, options?.Position, options?.History == true, options?.Info ?? default, cancellationToken);

    public Task<SendResult> LeaveAsync(string channel, CancellationToken cancellationToken = default) =>
        channels.ClientLeaveAsync(connection, channel, cancellationToken);

    public Task<SendResult> PublishAsync(string channel, object? data, ChannelPublishOptions? options = null, CancellationToken cancellationToken = default) =>
        channels.ClientPublishAsync(connection, channel, ToElement(data), options?.ExcludeSelf == true, cancellationToken);

    public async Task<T?> CallAsync<T>(string name, params object?[] args)
    {
        var result = await connection.CallAsync(rpc, name, JsonSerializer.SerializeToElement(args, JsonDefaults.Web)).ConfigureAwait(false);
        if (!result.Ok)
        {
            throw new Rpc.RpcException(result.Code ?? Rpc.RpcErrorCodes.Failed, result.Message ?? "The call failed.");
        }

        return result.Result is { } json ? json.Deserialize<T>(JsonDefaults.Web) : default;
    }

    public IDisposable OnMessage(Func<Publication, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _messageHandlers, static (list, h) => list.Add(h), handler);
        return new Registration(() => ImmutableInterlocked.Update(ref _messageHandlers, static (list, h) => list.Remove(h), handler));
    }

    public IDisposable OnPresence(Func<PresenceEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _presenceHandlers, static (list, h) => list.Add(h), handler);
        return new Registration(() => ImmutableInterlocked.Update(ref _presenceHandlers, static (list, h) => list.Remove(h), handler));
    }

    /// <summary>Runs the handlers over one delivered batch, in order.</summary>
    public async Task DispatchAsync(IReadOnlyList<IClientEvent> batch)
    {
        var messageHandlers = _messageHandlers;
        var presenceHandlers = _presenceHandlers;
        foreach (var item in batch)
        {
            switch (item)
            {
                case Publication publication:
                    foreach (var handler in messageHandlers)
                    {
                        await handler(publication);
                    }

                    break;
                case PresenceEvent presence:
                    foreach (var handler in presenceHandlers)
                    {
                        await handler(presence);
                    }

                    break;
            }
        }
    }

    private static JsonElement ToElement(object? data) =>
        data is JsonElement json ? json : JsonSerializer.SerializeToElement(data, JsonDefaults.Web);

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
