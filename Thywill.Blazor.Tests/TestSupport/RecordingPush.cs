using System.Collections.Concurrent;
using System.Text.Json;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>One application's push that publishes nothing: it records what the application sent, and to whom.</summary>
internal sealed class RecordingPush(string applicationId) : IThywillPush
{
    private long _offset;

    /// <summary>Every send, in order: the application, the target (client, session, user or <c>*</c>), the data.</summary>
    public ConcurrentQueue<(string ApplicationId, string Target, object? Data)> Sent { get; } = new();

    public ValueTask<Publication> SendToClientAsync(string clientId, object? data, CancellationToken cancellationToken = default) =>
        Record(clientId, data, ChannelKey.ForClient(applicationId, clientId), cancellationToken);

    public ValueTask<Publication> SendToSessionAsync(string sessionId, object? data, CancellationToken cancellationToken = default) =>
        Record(sessionId, data, ChannelKey.ForSession(applicationId, sessionId), cancellationToken);

    public ValueTask<Publication> SendToUserAsync(string userId, object? data, CancellationToken cancellationToken = default) =>
        Record(userId, data, ChannelKey.ForUser(applicationId, userId), cancellationToken);

    public ValueTask<Publication> BroadcastAsync(object? data, CancellationToken cancellationToken = default) =>
        Record("*", data, ChannelKey.Broadcast(applicationId), cancellationToken);

    private ValueTask<Publication> Record(string target, object? data, ChannelKey channel, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Sent.Enqueue((applicationId, target, data));
        var offset = Interlocked.Increment(ref _offset);
        return ValueTask.FromResult(new Publication($"message-{offset}", channel, "epoch-1", offset, from: null, JsonSerializer.SerializeToElement(data), DateTimeOffset.UnixEpoch));
    }
}
