using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Channels.Remote;

/// <summary>
/// Sends server-side changes for clients this node does not hold to the application's other nodes
/// (on the Redis engine; one node has no others). The command travels through the broker like any
/// publication — ordered, and what pub/sub loses is filled from its short history — and the node
/// holding the client applies it (<see cref="ClientCommandListener"/>). A client no node holds
/// gets the change from the shared stores when it next connects.
/// </summary>
internal sealed class RemoteClients(IChannelBroker broker, IOptions<EngineOptions> engine)
{
    // Enough for the hub to fill what pub/sub lost between two commands; a node that was away
    // longer missed clients that reconnected meanwhile anyway.
    private static readonly ChannelRetention Retention = new(Size: 1_000, Age: TimeSpan.FromMinutes(1), MaxBytes: 4 * 1024 * 1024);

    /// <summary>Whether other nodes may hold clients of this node's applications.</summary>
    public bool Clustered => engine.Value.Provider == EngineProvider.Redis;

    /// <summary>Sends a command to the application's nodes; does nothing on one node.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public async Task SendAsync(string applicationId, ClientCommand command, CancellationToken cancellationToken)
    {
        if (Clustered)
        {
            await broker.PublishAsync(ChannelKey.Nodes(applicationId), from: null, command.ToJson(), Retention, exclude: null, cancellationToken).ConfigureAwait(false);
        }
    }
}
