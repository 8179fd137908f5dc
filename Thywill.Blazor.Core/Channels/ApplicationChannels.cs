using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>One application's channels: every channel and client is taken within that application.</summary>
internal sealed class ApplicationChannels(string applicationId, ThywillChannels channels) : IThywillChannels
{
    public TimeSpan PresenceGracePeriod => channels.PresenceGracePeriod;

    public Task<Publication> PublishAsync(string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default) =>
        channels.PublishAsync(applicationId, channel, data, exclude, from, cancellationToken);

    public Task JoinAsync(string clientId, string channel, CancellationToken cancellationToken = default) =>
        channels.JoinAsync(applicationId, clientId, channel, cancellationToken);

    public Task LeaveAsync(string clientId, string channel, CancellationToken cancellationToken = default) =>
        channels.LeaveAsync(applicationId, clientId, channel, cancellationToken);

    public Task<IReadOnlyList<string>> GetChannelsAsync(string clientId, CancellationToken cancellationToken = default) =>
        channels.GetChannelsAsync(applicationId, clientId, cancellationToken);

    public Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string channel, CancellationToken cancellationToken = default) =>
        channels.GetPresenceAsync(applicationId, channel, cancellationToken);

    public Task SetClientInfoAsync(string clientId, object? info, CancellationToken cancellationToken = default) =>
        channels.SetClientInfoAsync(applicationId, clientId, info, cancellationToken);

    public Task<IReadOnlyList<Publication>> ReadHistoryAsync(string channel, int max, CancellationToken cancellationToken = default) =>
        channels.ReadHistoryAsync(applicationId, channel, max, cancellationToken);

    public IReadOnlyList<ChannelRule> Rules => channels.RulesOf(applicationId);

    public ChannelRule? RuleOf(string channel) => channels.RuleOf(applicationId, channel);

    public Task<IReadOnlyList<ChannelSummary>> ListAsync(int max = 1000, bool includeFramework = false, CancellationToken cancellationToken = default) =>
        channels.ListAsync(applicationId, max, includeFramework, cancellationToken);
}
