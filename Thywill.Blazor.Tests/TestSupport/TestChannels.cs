using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A <see cref="ChannelService"/> on the in-memory engine, wired by hand around one application:
/// a manual clock, a recording logger, and an archive that only archived rules may touch.
/// </summary>
internal sealed class TestChannels
{
    private readonly IThywillApplication _application;

    public TestChannels(IThywillApplication application, ThywillOptions options, IChannelArchive? archive = null, ManualTimeProvider? time = null)
    {
        _application = application;
        Options = options;
        Time = time ?? new ManualTimeProvider();
        var monitor = new TestOptionsMonitor(options);
        var rules = new ChannelRules(monitor);
        Engine = new InMemoryEngine(rules, Time);
        Service = new ChannelService(
            Engine,
            rules,
            archive ?? new NoArchive(),
            Registry,
            new ApplicationCatalog([application], monitor),
            monitor,
            Time,
            Logger);
    }

    public ChannelService Service { get; }

    public InMemoryEngine Engine { get; }

    public ThywillOptions Options { get; }

    public ManualTimeProvider Time { get; }

    public ClientRegistry Registry { get; } = new();

    public RecordingLogger<ChannelService> Logger { get; } = new();

    public string ApplicationId => _application.Descriptor.Id;

    /// <summary>A connection of <paramref name="clientId"/> (not registered: the client counts as away).</summary>
    public ClientConnection Connect(string clientId = "client-1") =>
        TestConnections.Create(_application, Options, clientId, Time);

    /// <summary>A channel of the application.</summary>
    public ChannelKey Channel(string name) => new(ApplicationId, name);

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

        private static InvalidOperationException Unexpected(ChannelKey channel) =>
            new($"{channel} reached the archive, but this test archives nothing.");
    }
}
