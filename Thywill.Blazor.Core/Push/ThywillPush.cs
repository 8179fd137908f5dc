using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>Resolves an address to its channel and publishes once; the broker fans out.</summary>
internal sealed class ThywillPush(IChannelBroker broker, Channels.ChannelRules rules, MessageLimit messageLimit)
{
    public ValueTask<Publication> SendToClientAsync(string applicationId, string clientId, object? data, CancellationToken cancellationToken = default) =>
        PublishAsync(ChannelKey.ForClient(applicationId, Required(clientId)), data, cancellationToken);

    public ValueTask<Publication> SendToSessionAsync(string applicationId, string sessionId, object? data, CancellationToken cancellationToken = default) =>
        PublishAsync(ChannelKey.ForSession(applicationId, Required(sessionId)), data, cancellationToken);

    public ValueTask<Publication> SendToUserAsync(string applicationId, string userId, object? data, CancellationToken cancellationToken = default) =>
        PublishAsync(ChannelKey.ForUser(applicationId, Required(userId)), data, cancellationToken);

    public ValueTask<Publication> BroadcastAsync(string applicationId, object? data, CancellationToken cancellationToken = default) =>
        PublishAsync(ChannelKey.Broadcast(applicationId), data, cancellationToken);

    private ValueTask<Publication> PublishAsync(ChannelKey channel, object? data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel.ApplicationId);
        return broker.PublishAsync(channel, from: null, messageLimit.Serialize(data), rules.ForServer(channel).Retention, exclude: null, cancellationToken);
    }

    private static string Required(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }
}
