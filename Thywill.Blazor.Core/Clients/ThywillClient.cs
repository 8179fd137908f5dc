using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The Razor client API over one session: the five operations are the session's own (the same a
/// JavaScript front end reaches through thywill.js); what the session delivers reaches the handlers.
/// </summary>
internal sealed class ThywillClient(ClientSession session, ClientConfiguration configuration) : IThywillClient
{
    private readonly HandlerList<Publication> _messages = new();
    private readonly HandlerList<PresenceEvent> _presence = new();
    private readonly HandlerList<RecoveryEvent> _recoveries = new();
    private readonly HandlerList<long> _gaps = new();

    /// <summary>Told of what a join or leave changes in the tab's memory of its channels.</summary>
    public Action<string, SendResult, bool>? Joined { get; set; }

    public Action<string>? Left { get; set; }

    public ClientInfo Client => session.Client;

    public ClientConfiguration Configuration => configuration;

    public Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default) =>
        session.SendAsync(ToElement(data), cancellationToken);

    public async Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await session.JoinAsync(channel, options, cancellationToken).ConfigureAwait(false);
        if (result.Ok)
        {
            Joined?.Invoke(channel, result, options?.History == true);
        }

        return result;
    }

    public async Task<SendResult> LeaveAsync(string channel, CancellationToken cancellationToken = default)
    {
        var result = await session.LeaveAsync(channel, cancellationToken).ConfigureAwait(false);
        if (result.Ok)
        {
            Left?.Invoke(channel);
        }

        return result;
    }

    public Task<SendResult> PublishAsync(string channel, object? data, ChannelPublishOptions? options = null, CancellationToken cancellationToken = default) =>
        session.PublishAsync(channel, ToElement(data), options?.ExcludeSelf == true, cancellationToken);

    public async Task<T?> CallAsync<T>(string name, params object?[] args)
    {
        var result = await session.CallAsync(name, JsonSerializer.SerializeToElement(args, JsonDefaults.Web)).ConfigureAwait(false);
        if (!result.Ok)
        {
            throw new Rpc.RpcException(result.Code ?? ErrorCodes.Failed, result.Message ?? "The call failed.");
        }

        return result.Result is { } json ? json.Deserialize<T>(JsonDefaults.Web) : default;
    }

    public IDisposable OnMessage(Func<Publication, Task> handler) => _messages.Add(handler);

    public IDisposable OnPresence(Func<PresenceEvent, Task> handler) => _presence.Add(handler);

    public IDisposable OnRecovery(Func<RecoveryEvent, Task> handler) => _recoveries.Add(handler);

    public IDisposable OnGap(Func<long, Task> handler) => _gaps.Add(handler);

    /// <summary>Runs the handlers over one delivered batch, in order.</summary>
    public async Task DispatchAsync(IReadOnlyList<IClientEvent> batch)
    {
        foreach (var item in batch)
        {
            var handled = item switch
            {
                Publication publication => _messages.RunAsync(publication),
                PresenceEvent presence => _presence.RunAsync(presence),
                RecoveryEvent recovery => _recoveries.RunAsync(recovery),
                _ => Task.CompletedTask,
            };
            await handled;
        }
    }

    /// <summary>Tells the gap handlers.</summary>
    public Task NotifyGapAsync(long dropped) => _gaps.RunAsync(dropped);

    private static JsonElement ToElement(object? data) =>
        data is JsonElement json ? json : JsonSerializer.SerializeToElement(data, JsonDefaults.Web);
}
