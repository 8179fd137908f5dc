using System.Text.Json;
using Thywill.Blazor.Channels.Remote;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Channels;

/// <summary>Channels as the application's server side sees them (<see cref="IThywillChannels"/>).</summary>
internal sealed class ThywillChannels(
    IChannelBroker broker,
    IPresenceStore presenceStore,
    IMembershipStore membershipStore,
    ChannelRules rules,
    ChannelOperations operations,
    ChannelHistoryReader history,
    ChannelPublisher publisher,
    PresenceTracker presence,
    MessageLimit messageLimit,
    ClientRegistry registry,
    RemoteClients remote)
{
    public TimeSpan PresenceGracePeriod => presence.GracePeriod;

    public async Task<Publication> PublishAsync(string applicationId, string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        var element = messageLimit.Serialize(data);
        return await publisher.PublishAsync(key, rules.ForServer(key), from, element, exclude, cancellationToken).ConfigureAwait(false);
    }

    public async Task JoinAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        await membershipStore.AddMembershipAsync(applicationId, clientId, key.Name, operations.MembershipRetention, cancellationToken).ConfigureAwait(false);
        if (!await ApplyLocallyAsync(applicationId, new ClientCommand(ClientCommand.Join, clientId, key.Name, default), cancellationToken).ConfigureAwait(false))
        {
            await remote.SendAsync(applicationId, new ClientCommand(ClientCommand.Join, clientId, key.Name, default), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task LeaveAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        await membershipStore.RemoveMembershipAsync(applicationId, clientId, key.Name, cancellationToken).ConfigureAwait(false);
        if (!await ApplyLocallyAsync(applicationId, new ClientCommand(ClientCommand.Leave, clientId, key.Name, default), cancellationToken).ConfigureAwait(false))
        {
            await remote.SendAsync(applicationId, new ClientCommand(ClientCommand.Leave, clientId, key.Name, default), cancellationToken).ConfigureAwait(false);
        }

        await presenceStore.LeavePresenceAsync(key, clientId, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> GetChannelsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        membershipStore.GetMembershipsAsync(applicationId, clientId, cancellationToken).AsTask();

    public Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string applicationId, string channel, CancellationToken cancellationToken = default) =>
        presenceStore.GetPresenceAsync(new ChannelKey(applicationId, RequireValid(channel)), cancellationToken).AsTask();

    public async Task SetClientInfoAsync(string applicationId, string clientId, object? info, CancellationToken cancellationToken = default)
    {
        var element = info is JsonElement json ? json.Clone() : JsonSerializer.SerializeToElement(info, JsonDefaults.Web);
        var command = new ClientCommand(ClientCommand.Info, clientId, null, element);

        // Only the node holding the client sets it: that node keeps the info for the client's
        // reconnects and refreshes its presence; any other would keep refreshing a member it does not hold.
        if (!await ApplyLocallyAsync(applicationId, command, cancellationToken).ConfigureAwait(false))
        {
            if (remote.Clustered)
            {
                await remote.SendAsync(applicationId, command, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await presence.SetInfoAsync(applicationId, clientId, element, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Applies a server-side change to a client when this node holds its session (connected, or
    /// within its circuit's grace): attaches or detaches the session's subscription, or sets its info.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="command">The change.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>Whether this node holds the client (and so applied it).</returns>
    internal async Task<bool> ApplyLocallyAsync(string applicationId, ClientCommand command, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(command.ClientId, out var session) || session.Client.ApplicationId != applicationId)
        {
            return false;
        }

        switch (command.Operation)
        {
            case ClientCommand.Join:
                var key = new ChannelKey(applicationId, command.Channel!);
                await operations.AttachAsync(session, key, rules.ForServer(key), from: null, report: false, info: default, cancellationToken).ConfigureAwait(false);
                registry.NotifyChanged();
                break;
            case ClientCommand.Leave:
                await session.Subscriptions.DetachAsync(command.Channel!).ConfigureAwait(false);
                registry.NotifyChanged();
                break;
            case ClientCommand.Info:
                await presence.SetInfoAsync(applicationId, command.ClientId, command.ClientInfo, cancellationToken).ConfigureAwait(false);
                break;
        }

        return true;
    }

    public async Task<IReadOnlyList<Publication>> ReadHistoryAsync(string applicationId, string channel, int max, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        var kept = await history.ReadAsync(key, rules.ForServer(key), afterOffset: 0, cancellationToken).ConfigureAwait(false);
        return kept.Publications.Count > max ? kept.Publications.Skip(kept.Publications.Count - max).ToArray() : kept.Publications;
    }

    public IReadOnlyList<ChannelRule> RulesOf(string applicationId) => rules.RulesOf(applicationId);

    public ChannelRule? RuleOf(string applicationId, string channel) => rules.Find(new ChannelKey(applicationId, RequireValid(channel)));

    public async Task<IReadOnlyList<ChannelSummary>> ListAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default)
    {
        // The broker knows nothing of presence: each listed channel's members come from the store.
        var channels = await broker.ListChannelsAsync(applicationId, max, includeFramework, cancellationToken).ConfigureAwait(false);
        var listed = new ChannelSummary[channels.Count];
        for (var i = 0; i < channels.Count; i++)
        {
            var c = channels[i];
            var members = c.Name.StartsWith('$') ? 0 : (await presenceStore.GetPresenceAsync(new ChannelKey(applicationId, c.Name), cancellationToken).ConfigureAwait(false)).Count;
            listed[i] = new ChannelSummary(c.Name, c.Epoch, c.LatestOffset, c.HistoryCount, c.HistoryBytes, members, c.Subscribers);
        }

        return listed;
    }

    private static string RequireValid(string channel)
    {
        if (!ChannelNames.IsValid(channel))
        {
            throw new ArgumentException($"'{channel}' is not a valid channel name.", nameof(channel));
        }

        return channel;
    }
}
