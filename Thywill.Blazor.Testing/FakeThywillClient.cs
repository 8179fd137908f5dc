using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Testing;

/// <summary>
/// An <see cref="IThywillClient"/> for bUnit tests of a Razor front end, without a circuit or a
/// server: cascade it to the component under test; it records what the component sends, joins,
/// leaves, publishes and calls, answers as the test says, and lets the test push messages, presence
/// changes, recoveries and gaps to the handlers the component registered.
/// </summary>
/// <remarks>Not thread-safe: a bUnit test drives it from one thread.</remarks>
public sealed class FakeThywillClient : IThywillClient
{
    private const string NoChannels = "The fake client has no channels.";

    private readonly List<Func<Publication, Task>> _handlers = [];
    private readonly List<Func<PresenceEvent, Task>> _presenceHandlers = [];
    private readonly List<Func<RecoveryEvent, Task>> _recoveryHandlers = [];
    private readonly List<Func<long, Task>> _gapHandlers = [];

    /// <summary>Creates a client of an application.</summary>
    /// <param name="applicationId">The application id the client belongs to.</param>
    /// <param name="clientId">The client id (and the seed's uuid).</param>
    /// <param name="sessionId">The browser session id.</param>
    /// <param name="userId">The authenticated user, if any.</param>
    public FakeThywillClient(string applicationId = "test-app", string clientId = "client-1", string sessionId = "session-1", string? userId = null)
    {
        Client = new ClientInfo(applicationId, clientId, sessionId, userId);
        Configuration = new ClientConfiguration
        {
            Uuid = clientId,
            ClientId = clientId,
            ApplicationId = applicationId,
            BootstrapResources = [],
            BootstrapParameters = new Dictionary<string, object?>(),
            ApplicationResources = [],
            ApplicationParameters = new Dictionary<string, object?>(),
        };
    }

    /// <inheritdoc />
    public ClientInfo Client { get; }

    /// <inheritdoc />
    /// <remarks>No resources and no parameters unless the test sets <see cref="Configuration"/> with others.</remarks>
    public ClientConfiguration Configuration { get; set; }

    /// <summary>What was sent, in order.</summary>
    public List<object?> Sent { get; } = [];

    /// <summary>How a send is answered; accepted (as <c>message-1</c>) by default.</summary>
    public Func<object?, Task<SendResult>> Respond { get; set; } = _ => Task.FromResult(SendResult.Accepted("message-1"));

    /// <summary>The RPC functions called, in order.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>How a call is answered, given the function's name and arguments; <c>not-found</c> by default.</summary>
    public Func<string, object?[], Task<object?>> Answer { get; set; } =
        (_, _) => Task.FromException<object?>(new RpcException(ErrorCodes.NotFound, "The fake client has no functions."));

    /// <summary>The channels joined, with their options, in order.</summary>
    public List<(string Channel, ChannelJoinOptions? Options)> Joined { get; } = [];

    /// <summary>How a join is answered; refused (<c>not-found</c>) by default.</summary>
    public Func<string, ChannelJoinOptions?, Task<SendResult>> RespondToJoin { get; set; } =
        (_, _) => Task.FromResult(SendResult.Refused("not-found", NoChannels));

    /// <summary>The channels left, in order.</summary>
    public List<string> Left { get; } = [];

    /// <summary>How a leave is answered; refused (<c>not-member</c>) by default.</summary>
    public Func<string, Task<SendResult>> RespondToLeave { get; set; } =
        _ => Task.FromResult(SendResult.Refused("not-member", NoChannels));

    /// <summary>What was published, with the channel and options, in order.</summary>
    public List<(string Channel, object? Data, ChannelPublishOptions? Options)> Published { get; } = [];

    /// <summary>How a publication is answered; refused (<c>not-member</c>) by default.</summary>
    public Func<string, object?, ChannelPublishOptions?, Task<SendResult>> RespondToPublish { get; set; } =
        (_, _, _) => Task.FromResult(SendResult.Refused("not-member", NoChannels));

    /// <summary>How many message handlers are registered (a component that disposes its registration lowers it).</summary>
    public int HandlerCount => _handlers.Count;

    /// <summary>How many presence handlers are registered.</summary>
    public int PresenceHandlerCount => _presenceHandlers.Count;

    /// <inheritdoc />
    public Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default)
    {
        Sent.Add(data);
        return Respond(data);
    }

    /// <inheritdoc />
    public Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        Joined.Add((channel, options));
        return RespondToJoin(channel, options);
    }

    /// <inheritdoc />
    public Task<SendResult> LeaveAsync(string channel, CancellationToken cancellationToken = default)
    {
        Left.Add(channel);
        return RespondToLeave(channel);
    }

    /// <inheritdoc />
    public Task<SendResult> PublishAsync(string channel, object? data, ChannelPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        Published.Add((channel, data, options));
        return RespondToPublish(channel, data, options);
    }

    /// <inheritdoc />
    public async Task<T?> CallAsync<T>(string name, params object?[] args)
    {
        Calls.Add(name);
        return (T?)await Answer(name, args);
    }

    /// <inheritdoc />
    public IDisposable OnMessage(Func<Publication, Task> handler) => Register(_handlers, handler);

    /// <inheritdoc />
    public IDisposable OnPresence(Func<PresenceEvent, Task> handler) => Register(_presenceHandlers, handler);

    /// <inheritdoc />
    public IDisposable OnRecovery(Func<RecoveryEvent, Task> handler) => Register(_recoveryHandlers, handler);

    /// <inheritdoc />
    public IDisposable OnGap(Func<long, Task> handler) => Register(_gapHandlers, handler);

    /// <summary>Delivers one message to every message handler, as the client root does for a batch.</summary>
    /// <param name="publication">The message.</param>
    public Task PushAsync(Publication publication) => DeliverAsync(_handlers, publication);

    /// <summary>Delivers one presence change to every presence handler.</summary>
    /// <param name="presence">The change.</param>
    public Task PushPresenceAsync(PresenceEvent presence) => DeliverAsync(_presenceHandlers, presence);

    /// <summary>Delivers one recovery outcome to every recovery handler.</summary>
    /// <param name="recovery">The outcome.</param>
    public Task PushRecoveryAsync(RecoveryEvent recovery) => DeliverAsync(_recoveryHandlers, recovery);

    /// <summary>Tells every gap handler that messages could not be queued.</summary>
    /// <param name="dropped">How many were dropped so far.</param>
    public Task PushGapAsync(long dropped) => DeliverAsync(_gapHandlers, dropped);

    private static Registration Register<T>(List<Func<T, Task>> handlers, Func<T, Task> handler)
    {
        handlers.Add(handler);
        return new Registration(() => handlers.Remove(handler));
    }

    // A copy: a handler may dispose its registration (or register another) while being called.
    private static async Task DeliverAsync<T>(List<Func<T, Task>> handlers, T value)
    {
        foreach (var handler in handlers.ToArray())
        {
            await handler(value);
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
