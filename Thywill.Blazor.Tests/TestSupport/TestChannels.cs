using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Channels.Remote;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.InMemory;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// One node's channels and sessions on the in-memory engine (or a Redis node), wired by hand around one application:
/// a manual clock, recording loggers, and an archive that only archived rules may touch.
/// </summary>
internal sealed class TestChannels
{
    private readonly IThywillApplication _application;

    public TestChannels(IThywillApplication application, TestOptions options, IChannelArchive? archive = null, FakeTimeProvider? time = null, RedisTestNode? redis = null)
    {
        _application = application;
        Options = options;
        Time = time ?? new FakeTimeProvider();
        var channels = TestOptionsMonitor.Of(options.Channels);
        var rules = options.Rules();
        Engine = redis ?? TestEngine.InMemory(rules, Time);
        var clients = TestOptionsMonitor.Of(options.Clients);
        Archived = new ArchivedChannels(Engine, archive ?? new NoArchive(), Time);
        var archived = Archived;
        var history = new ChannelHistoryReader(Engine, archived);
        Metrics = TestMetrics.Create();
        var publisher = new ChannelPublisher(Engine, archived, Metrics);
        var limit = new MessageLimit(Microsoft.Extensions.Options.Options.Create(options.Messages));
        Presence = new PresenceTracker(Engine, Engine, rules, Registry, channels, clients, Time, PresenceLogger);
        Operations = new ChannelOperations(Engine, Engine, Engine, rules, history, publisher, Presence, limit, Registry, channels, clients, Logger);
        Retention = new RetentionSweeper(Engine, Registry, Presence, Archived, Operations, TestOptionsMonitor.Of(options.Engine), channels, Time, NullLogger<RetentionSweeper>.Instance);
        var remote = new RemoteClients(Engine, redis?.Options ?? Microsoft.Extensions.Options.Options.Create(options.Engine));
        Service = new ThywillChannels(Engine, Engine, Engine, rules, Operations, history, publisher, Presence, limit, Registry, remote);
        Listener = new ClientCommandListener(remote, Engine, new FakeApplicationCatalog(application.Descriptor), Service, Time, NullLogger<ClientCommandListener>.Instance);
        Services = new SessionServices(
            Engine,
            history,
            Operations,
            new RpcDispatcher(TestOptionsMonitor.Of(options.Rpc), Metrics, NullLogger<RpcDispatcher>.Instance),
            limit,
            Time,
            TestOptionsMonitor.Of(options.Push),
            TestOptionsMonitor.Of(options.Messages),
            TestOptionsMonitor.Of(options.Rpc),
            TestOptionsMonitor.Of(options.RateLimits),
            Metrics);
    }

    /// <summary>This node's instruments, on a meter of its own (<see cref="TestMetrics"/> listens to it alone).</summary>
    public ThywillMetrics Metrics { get; }

    /// <summary>The server API of every application.</summary>
    public ThywillChannels Service { get; }

    /// <summary>The browser's operations.</summary>
    public ChannelOperations Operations { get; }

    public PresenceTracker Presence { get; }

    /// <summary>The archived channels opened on this node.</summary>
    public ArchivedChannels Archived { get; }

    /// <summary>The retention sweep (run a round with <c>SweepAsync</c>).</summary>
    public RetentionSweeper Retention { get; }

    public SessionServices Services { get; }

    /// <summary>The engine every part uses; it can step into history reads.</summary>
    public TestEngine Engine { get; }

    /// <summary>The in-memory broker behind <see cref="Engine"/> (not on the Redis engine).</summary>
    public InMemoryBroker Memory => (InMemoryBroker)Engine.Broker;

    /// <summary>The in-memory membership store behind <see cref="Engine"/> (not on the Redis engine).</summary>
    public InMemoryMembershipStore Memberships => (InMemoryMembershipStore)Engine.Memberships;

    /// <summary>What applies other nodes' commands here (start it on the Redis engine: <c>StartAsync</c>).</summary>
    public ClientCommandListener Listener { get; }

    public TestOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public ClientRegistry Registry { get; } = new();

    public RecordingLogger<ChannelOperations> Logger { get; } = new();

    public RecordingLogger<PresenceTracker> PresenceLogger { get; } = new();

    public string ApplicationId => _application.Descriptor.Id;

    /// <summary>A session of <paramref name="clientId"/> (not registered: the client counts as away).</summary>
    public ClientSession Connect(string clientId = "client-1", ILogger? logger = null) =>
        new(
            new ClientInfo(ApplicationId, clientId, "session-1", UserId: null),
            _application,
            new CircuitLink(),
            Options.Limits,
            Services,
            logger ?? NullLogger.Instance);

    /// <summary>A channel of the application.</summary>
    public ChannelKey Channel(string name) => new(ApplicationId, name);

    /// <summary>The rule the server applies to a channel.</summary>
    public ChannelRule RuleOf(string name) => Options.Rules().ForServer(Channel(name));

    /// <summary>The newest offset the engine gave in a channel: 0 when nothing was ever published.</summary>
    public async Task<long> LatestOffsetAsync(string channel) =>
        (await Engine.ReadHistoryAsync(Channel(channel), long.MaxValue)).LatestOffset;

    /// <summary>A subscriber that records a channel's publications and presence from now on.</summary>
    public async Task<RecordingSubscriber> WatchAsync(string channel)
    {
        var subscriber = new RecordingSubscriber();
        await Engine.SubscribeAsync(Channel(channel), subscriber);
        return subscriber;
    }

    /// <summary>Fails the test when a channel that is not archived reaches the archive.</summary>
    private sealed class NoArchive : IChannelArchive
    {
        public Task<(string Epoch, long LatestOffset)> OpenAsync(ChannelKey channel, string proposedEpoch, CancellationToken cancellationToken) =>
            throw Unexpected(channel);

        public Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken) =>
            throw Unexpected(publication.Channel);

        public Task<IReadOnlyList<Publication>> ReadAsync(ChannelKey channel, long afterOffset, int max, CancellationToken cancellationToken) =>
            throw Unexpected(channel);

        public Task<bool> DeleteIfIdleAsync(ChannelKey channel, DateTimeOffset idleSince, CancellationToken cancellationToken) =>
            throw Unexpected(channel);

        public Task<IReadOnlyList<ChannelKey>> ListChannelsCreatedBeforeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChannelKey>>([]);

        private static InvalidOperationException Unexpected(ChannelKey channel) =>
            new($"{channel} reached the archive, but this test archives nothing.");
    }
}
