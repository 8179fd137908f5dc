using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The server side a test gives its applications: a recording push per application and, when the
/// test wires them, real channels.
/// </summary>
internal sealed class TestServer(ThywillChannels? channels = null) : IThywillServer
{
    private readonly Dictionary<string, RecordingPush> _pushes = new(StringComparer.Ordinal);

    /// <summary>The push <paramref name="applicationId"/> was given.</summary>
    public RecordingPush PushOf(string applicationId)
    {
        lock (_pushes)
        {
            if (!_pushes.TryGetValue(applicationId, out var push))
            {
                _pushes[applicationId] = push = new RecordingPush(applicationId);
            }

            return push;
        }
    }

    public IThywillPush Push(string applicationId) => PushOf(applicationId);

    public IThywillChannels Channels(string applicationId) =>
        channels is null ? new NoChannels() : new ApplicationChannels(applicationId, channels);

    /// <summary>Binds <paramref name="application"/> to this server, as the catalog does at start-up.</summary>
    public T Bind<T>(T application)
        where T : ThywillApplication
    {
        application.Bind(this);
        return application;
    }

    /// <summary>Channels of a test that wires none: any use fails the test.</summary>
    private sealed class NoChannels : IThywillChannels
    {
        public TimeSpan PresenceGracePeriod => throw Unwired();

        public Task<Publication> PublishAsync(string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default) => throw Unwired();

        public Task JoinAsync(string clientId, string channel, CancellationToken cancellationToken = default) => throw Unwired();

        public Task LeaveAsync(string clientId, string channel, CancellationToken cancellationToken = default) => throw Unwired();

        public Task<IReadOnlyList<string>> GetChannelsAsync(string clientId, CancellationToken cancellationToken = default) => throw Unwired();

        public Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string channel, CancellationToken cancellationToken = default) => throw Unwired();

        public Task SetClientInfoAsync(string clientId, object? info, CancellationToken cancellationToken = default) => throw Unwired();

        public Task<IReadOnlyList<Publication>> ReadHistoryAsync(string channel, int max, CancellationToken cancellationToken = default) => throw Unwired();

        public Task<IReadOnlyList<ChannelSummary>> ListAsync(int max = 1000, bool includeFramework = false, CancellationToken cancellationToken = default) => throw Unwired();

        public IReadOnlyList<ChannelRule> Rules => throw Unwired();

        public ChannelRule? RuleOf(string channel) => throw Unwired();

        private static InvalidOperationException Unwired() => new("This test wires no channels.");
    }
}
