using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>One application's push: every address is taken within that application.</summary>
internal sealed class ApplicationPush(string applicationId, ThywillPush push) : IThywillPush
{
    public ValueTask<Publication> SendToClientAsync(string clientId, object? data, CancellationToken cancellationToken = default) =>
        push.SendToClientAsync(applicationId, clientId, data, cancellationToken);

    public ValueTask<Publication> SendToSessionAsync(string sessionId, object? data, CancellationToken cancellationToken = default) =>
        push.SendToSessionAsync(applicationId, sessionId, data, cancellationToken);

    public ValueTask<Publication> SendToUserAsync(string userId, object? data, CancellationToken cancellationToken = default) =>
        push.SendToUserAsync(applicationId, userId, data, cancellationToken);

    public ValueTask<Publication> BroadcastAsync(object? data, CancellationToken cancellationToken = default) =>
        push.BroadcastAsync(applicationId, data, cancellationToken);
}
