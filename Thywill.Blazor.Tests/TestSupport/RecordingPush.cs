using System.Collections.Concurrent;
using System.Text.Json;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A push that publishes nothing: it records what an application sent, and to whom.</summary>
internal sealed class RecordingPush : IThywillPush
{
    private long _offset;

    /// <summary>Every send, in order: the application, the target (client, session, user or <c>*</c>), the data.</summary>
    public ConcurrentQueue<(string ApplicationId, string Target, object? Data)> Sent { get; } = new();

    public ValueTask<Publication> SendToClientAsync(string applicationId, string clientId, object? data, CancellationToken cancellationToken = default) =>
        Record(applicationId, clientId, data, ChannelKey.ForClient(applicationId, clientId), cancellationToken);

    public ValueTask<Publication> SendToSessionAsync(string applicationId, string sessionId, object? data, CancellationToken cancellationToken = default) =>
        Record(applicationId, sessionId, data, ChannelKey.ForSession(applicationId, sessionId), cancellationToken);

    public ValueTask<Publication> SendToUserAsync(string applicationId, string userId, object? data, CancellationToken cancellationToken = default) =>
        Record(applicationId, userId, data, ChannelKey.ForUser(applicationId, userId), cancellationToken);

    public ValueTask<Publication> BroadcastAsync(string applicationId, object? data, CancellationToken cancellationToken = default) =>
        Record(applicationId, "*", data, ChannelKey.Broadcast(applicationId), cancellationToken);

    private ValueTask<Publication> Record(string applicationId, string target, object? data, ChannelKey channel, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Sent.Enqueue((applicationId, target, data));
        var offset = Interlocked.Increment(ref _offset);
        return ValueTask.FromResult(new Publication($"message-{offset}", channel, "epoch-1", offset, from: null, JsonSerializer.SerializeToElement(data), DateTimeOffset.UnixEpoch));
    }
}
