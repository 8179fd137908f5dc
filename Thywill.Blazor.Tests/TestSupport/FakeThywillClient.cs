using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The client a Razor front end is cascaded, without a circuit: it records sends, answers them as
/// the test says, and lets the test push messages to the registered handlers.
/// </summary>
internal sealed class FakeThywillClient : IThywillClient
{
    private readonly List<Func<Publication, Task>> _handlers = [];
    private readonly List<Func<PresenceEvent, Task>> _presenceHandlers = [];
    private readonly List<Func<RecoveryEvent, Task>> _recoveryHandlers = [];
    private readonly List<Func<long, Task>> _gapHandlers = [];

    public ClientInfo Client { get; } = new("echo-razor", "client-1", "session-1", UserId: null);

    public ClientConfiguration Configuration { get; } = new()
    {
        Uuid = "client-1",
        ClientId = "client-1",
        ApplicationId = "echo-razor",
        BootstrapResources = [],
        BootstrapParameters = new Dictionary<string, object?>(),
        ApplicationResources = [],
        ApplicationParameters = new Dictionary<string, object?>(),
    };

    /// <summary>What was sent, in order.</summary>
    public List<object?> Sent { get; } = [];

    /// <summary>How a send is answered; accepted by default.</summary>
    public Func<object?, Task<SendResult>> Respond { get; set; } = _ => Task.FromResult(SendResult.Accepted("message-1"));

    /// <summary>The RPC functions called, in order.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>How a call is answered; <c>not-found</c> by default.</summary>
    public Func<string, object?[], Task<object?>> Answer { get; set; } =
        (_, _) => Task.FromException<object?>(new Thywill.Blazor.Rpc.RpcException(ErrorCodes.NotFound, "The fake client has no functions."));

    public int HandlerCount => _handlers.Count;

    public int PresenceHandlerCount => _presenceHandlers.Count;

    /// <summary>The channels joined, with their options, in order.</summary>
    public List<(string Channel, ChannelJoinOptions? Options)> Joined { get; } = [];

    /// <summary>The channels left, in order.</summary>
    public List<string> Left { get; } = [];

    /// <summary>How a join is answered; refused (no channels) by default.</summary>
    public Func<string, ChannelJoinOptions?, Task<SendResult>> RespondToJoin { get; set; } =
        (_, _) => Task.FromResult(SendResult.Refused("not-found", "The fake client has no channels."));

    /// <summary>How a leave is answered; refused (not a member) by default.</summary>
    public Func<string, Task<SendResult>> RespondToLeave { get; set; } =
        _ => Task.FromResult(SendResult.Refused("not-member", "The fake client has no channels."));

    public Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default)
    {
        Sent.Add(data);
        return Respond(data);
    }

    public IDisposable OnMessage(Func<Publication, Task> handler)
    {
        _handlers.Add(handler);
        return new Registration(() => _handlers.Remove(handler));
    }

    public Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        Joined.Add((channel, options));
        return RespondToJoin(channel, options);
    }

    public Task<SendResult> LeaveAsync(string channel, CancellationToken cancellationToken = default)
    {
        Left.Add(channel);
        return RespondToLeave(channel);
    }

    public Task<SendResult> PublishAsync(string channel, object? data, ChannelPublishOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(SendResult.Refused("not-member", "The fake client has no channels."));

    public IDisposable OnPresence(Func<PresenceEvent, Task> handler)
    {
        _presenceHandlers.Add(handler);
        return new Registration(() => _presenceHandlers.Remove(handler));
    }

    public IDisposable OnRecovery(Func<RecoveryEvent, Task> handler)
    {
        _recoveryHandlers.Add(handler);
        return new Registration(() => _recoveryHandlers.Remove(handler));
    }

    public IDisposable OnGap(Func<long, Task> handler)
    {
        _gapHandlers.Add(handler);
        return new Registration(() => _gapHandlers.Remove(handler));
    }

    /// <summary>Delivers one recovery outcome to every handler.</summary>
    public async Task PushRecoveryAsync(RecoveryEvent recovery)
    {
        foreach (var handler in _recoveryHandlers.ToArray())
        {
            await handler(recovery);
        }
    }

    public async Task<T?> CallAsync<T>(string name, params object?[] args)
    {
        Calls.Add(name);
        return (T?)await Answer(name, args);
    }

    /// <summary>Delivers one message to every handler, as the client root does for a batch.</summary>
    public async Task PushAsync(Publication publication)
    {
        foreach (var handler in _handlers.ToArray())
        {
            await handler(publication);
        }
    }

    /// <summary>Delivers one presence change to every handler.</summary>
    public async Task PushPresenceAsync(PresenceEvent presence)
    {
        foreach (var handler in _presenceHandlers.ToArray())
        {
            await handler(presence);
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
