using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Channels;

/// <summary>
/// The browser's channel operations (join, leave, publish) for one session, checked against the rules
/// and the session's own application; and the resumption of a session's channels when it connects.
/// </summary>
internal sealed partial class ChannelOperations(
    IChannelBroker broker,
    IPresenceStore presenceStore,
    IMembershipStore membershipStore,
    ChannelRules rules,
    ChannelHistoryReader history,
    ChannelPublisher publisher,
    PresenceTracker presence,
    MessageLimit messageLimit,
    ClientRegistry registry,
    IOptionsMonitor<ChannelOptions> options,
    IOptionsMonitor<ClientOptions> clients,
    ILogger<ChannelOperations> logger)
{
    /// <summary>How long a client's memberships are kept from now without it being connected (<c>Thywill:Clients:AwayRetention</c>).</summary>
    public TimeSpan MembershipRetention => clients.CurrentValue.AwayRetention;

    /// <summary>Joins a channel: with <paramref name="withHistory"/> everything it keeps is delivered first, as if the client had been there from the start.</summary>
    /// <param name="session">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="from">A position to recover from (the client is told how that went).</param>
    /// <param name="withHistory">Deliver what the channel keeps first.</param>
    /// <param name="info">Display info for the presence.</param>
    /// <param name="cancellationToken">Abandons the join.</param>
    /// <param name="reportHistory">Tell the client whether the history was whole (a new page resuming a channel).</param>
    public async Task<SendResult> JoinAsync(ClientSession session, string channel, ChannelPosition? from, bool withHistory, JsonElement info, CancellationToken cancellationToken, bool reportHistory = false)
    {
        var client = session.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(session, "join", channel, ErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        var key = new ChannelKey(client.ApplicationId, channel);
        var rule = rules.Find(key);
        if (await DenyAsync(session, ChannelOperation.Join, channel, rule, default, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        rule ??= rules.ForServer(key);
        if (info.ValueKind != JsonValueKind.Undefined && MessageSize.Measure(info) > options.CurrentValue.MaxPresenceInfoBytes)
        {
            return Refuse(session, "join", channel, ErrorCodes.TooLarge, "The presence info is too large.");
        }

        var limits = options.CurrentValue;
        var memberships = await membershipStore.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false);
        var member = memberships.Contains(channel);
        if (!member && memberships.Count >= limits.MaxChannelsPerClient)
        {
            return Refuse(session, "join", channel, ErrorCodes.TooManyChannels, "This client is in too many channels.");
        }

        if (!member && rule.Presence)
        {
            var present = await presenceStore.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
            if (present.Count >= limits.MaxPresenceMembers && present.All(m => m.ClientId != client.ClientId))
            {
                return Refuse(session, "join", channel, ErrorCodes.PresenceFull, "The channel has as many members as it may.");
            }
        }

        if (!await broker.ReserveChannelAsync(key, limits.MaxChannelsPerApplication, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(session, "join", channel, ErrorCodes.ChannelLimit, "The application has as many channels as it may.");
        }

        var added = await membershipStore.AddMembershipAsync(client.ApplicationId, client.ClientId, channel, MembershipRetention, cancellationToken).ConfigureAwait(false);
        ChannelPosition position;
        try
        {
            var start = from ?? (withHistory ? await StartOfAsync(key, rule, cancellationToken).ConfigureAwait(false) : null);
            position = await AttachAsync(session, key, rule, start, report: from is not null || (reportHistory && withHistory), info, cancellationToken, withOwn: from is null && withHistory).ConfigureAwait(false);
        }
        catch when (added)
        {
            // A join that failed (the archive is down, the client left) leaves no membership behind.
            await membershipStore.RemoveMembershipAsync(client.ApplicationId, client.ClientId, channel, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var members = rule.Presence ? await presenceStore.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false) : null;
        Log.Joined(logger, client.ApplicationId, client.ClientId, channel, position.Offset);
        registry.NotifyChanged();
        return new SendResult
        {
            Ok = true,
            Channel = channel,
            Epoch = position.Epoch,
            Offset = position.Offset,
            Presence = members?.Select(PresenceView.From).ToArray(),
        };
    }

    /// <summary>Leaves a channel: membership, subscription and presence.</summary>
    public async Task<SendResult> LeaveAsync(ClientSession session, string channel, CancellationToken cancellationToken)
    {
        var client = session.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(session, "leave", channel, ErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        if (!await membershipStore.RemoveMembershipAsync(client.ApplicationId, client.ClientId, channel, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(session, "leave", channel, ErrorCodes.NotMember, "This client is not a member of the channel.");
        }

        await session.Subscriptions.DetachAsync(channel).ConfigureAwait(false);
        await presenceStore.LeavePresenceAsync(new ChannelKey(client.ApplicationId, channel), client.ClientId, cancellationToken).ConfigureAwait(false);
        Log.Left(logger, client.ApplicationId, client.ClientId, channel);
        registry.NotifyChanged();
        return new SendResult { Ok = true, Channel = channel };
    }

    /// <summary>Publishes to a channel the client is a member of.</summary>
    public async Task<SendResult> PublishAsync(ClientSession session, string channel, JsonElement data, bool excludeSelf, CancellationToken cancellationToken)
    {
        var client = session.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(session, "publish", channel, ErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        if (messageLimit.Check(data, out _) is { } tooLarge)
        {
            return Refuse(session, "publish", channel, tooLarge.Code!, tooLarge.Message!);
        }

        var key = new ChannelKey(client.ApplicationId, channel);
        var rule = rules.Find(key);
        if (!(await membershipStore.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false)).Contains(channel))
        {
            return Refuse(session, "publish", channel, rule is null ? ErrorCodes.NotFound : ErrorCodes.NotMember, "Join the channel before publishing to it.");
        }

        if (await DenyAsync(session, ChannelOperation.Publish, channel, rule, data, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var publication = await publisher.PublishAsync(key, rule ?? rules.ForServer(key), client.ClientId, data, excludeSelf ? [client.ClientId] : null, cancellationToken).ConfigureAwait(false);
        return new SendResult { Ok = true, Id = publication.Id, Channel = channel, Epoch = publication.Epoch, Offset = publication.Offset };
    }

    /// <summary>
    /// Resumes a connecting session's channels — its framework channels and its memberships — from what
    /// its tab remembers: from the tab's position (what it missed), or, for a channel the tab joined
    /// with its history, everything the channel keeps (the page is new and starts empty). Nothing is
    /// left and joined again, so presence does not change; a client back within the grace period
    /// never left.
    /// </summary>
    public async Task ResumeAsync(ClientSession session, bool resumed, IReadOnlyDictionary<string, RememberedChannel> remembered, CancellationToken cancellationToken)
    {
        var client = session.Client;
        presence.CancelPendingLeave(client);

        // What a tab remembers that did not get its old identity back is not this client's.
        if (!resumed)
        {
            remembered = new Dictionary<string, RememberedChannel>();
        }

        foreach (var key in session.FrameworkChannels())
        {
            var rule = rules.ForServer(key);
            var memory = remembered.GetValueOrDefault(key.Name);

            // A resumed client's personal channels are all its own: without a position, recover everything kept.
            var (from, report) = await ResumePointAsync(key, rule, memory, cancellationToken).ConfigureAwait(false);
            if (from is null && resumed && key.Name != ChannelKey.BroadcastName)
            {
                from = await StartOfAsync(key, rule, cancellationToken).ConfigureAwait(false);
            }

            await AttachAsync(session, key, rule, from, report, default, cancellationToken, withOwn: memory?.History == true).ConfigureAwait(false);
        }

        var memberships = await membershipStore.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false);
        foreach (var channel in memberships)
        {
            var key = new ChannelKey(client.ApplicationId, channel);
            var rule = rules.ForServer(key);
            var memory = remembered.GetValueOrDefault(channel);
            var (from, report) = await ResumePointAsync(key, rule, memory, cancellationToken).ConfigureAwait(false);
            await AttachAsync(session, key, rule, from, report, default, cancellationToken, withOwn: memory?.History == true).ConfigureAwait(false);
        }

        // Channels the tab remembers but this server does not (a restart, a node without shared
        // state): joined again, and the rules and the application decide again.
        // A tab cannot remember more channels than it could be in: past that, the rest is not tried.
        var attempts = Math.Max(0, options.CurrentValue.MaxChannelsPerClient - memberships.Count);
        foreach (var (channel, memory) in remembered)
        {
            if (channel.StartsWith('$') || memberships.Contains(channel, StringComparer.Ordinal))
            {
                continue;
            }

            if (attempts-- == 0)
            {
                break;
            }

            // What the tab says it remembers is its word only: each rejoin draws from its join budget
            // (waiting, not refused), so a forged list costs what joining by hand would.
            await session.Budgets.WaitToJoinAsync(cancellationToken).ConfigureAwait(false);
            var result = await JoinAsync(session, channel, memory.History ? null : memory.Position, memory.History, default, cancellationToken, reportHistory: true).ConfigureAwait(false);
            if (!result.Ok)
            {
                Log.RejoinRefused(logger, client.ApplicationId, client.ClientId, channel, result.Code);
            }
        }
    }

    /// <summary>Subscribes a session to a channel from a position (see <see cref="SubscriptionSet.AttachAsync"/>) and enters its presence.</summary>
    public async Task<ChannelPosition> AttachAsync(ClientSession session, ChannelKey key, ChannelRule rule, ChannelPosition? from, bool report, JsonElement info, CancellationToken cancellationToken, bool withOwn = false)
    {
        var position = await session.Subscriptions.AttachAsync(key, rule, from, report, cancellationToken, withOwn).ConfigureAwait(false);
        if (rule.Presence)
        {
            await presence.EnterAsync(session, key, info, cancellationToken).ConfigureAwait(false);
        }

        return position;
    }

    // A channel joined with its history starts again from the beginning (told whether the history is
    // whole); otherwise from the tab's position (told whether all it missed was still there).
    private async Task<(ChannelPosition? From, bool Report)> ResumePointAsync(ChannelKey key, ChannelRule rule, RememberedChannel? memory, CancellationToken cancellationToken) =>
        memory switch
        {
            { History: true } => (await StartOfAsync(key, rule, cancellationToken).ConfigureAwait(false), true),
            { Position: { } position } => (position, true),
            _ => (null, false),
        };

    private async Task<ChannelPosition> StartOfAsync(ChannelKey key, ChannelRule rule, CancellationToken cancellationToken) =>
        new(await history.EpochOfAsync(key, rule, cancellationToken).ConfigureAwait(false), 0);

    private async Task<SendResult?> DenyAsync(ClientSession session, ChannelOperation operation, string channel, ChannelRule? rule, JsonElement data, CancellationToken cancellationToken)
    {
        var client = session.Client;
        var request = new ChannelAccessRequest(operation, client, channel, rule, data);
        bool allowed;
        try
        {
            allowed = await session.Application.AuthorizeChannelAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HookFailed(logger, ex, client.ApplicationId, client.ClientId, channel);
            allowed = false;
        }

        if (allowed)
        {
            return null;
        }

        var verb = operation == ChannelOperation.Join ? "join" : "publish";
        return rule is null
            ? Refuse(session, verb, channel, ErrorCodes.NotFound, $"There is no channel '{channel}'.")
            : Refuse(session, verb, channel, ErrorCodes.NoPermission, $"This client may not {verb} in '{channel}'.");
    }

    // The log hears of one refusal of each code per client per interval, with how many there were since the last.
    private SendResult Refuse(ClientSession session, string operation, string channel, string code, string message)
    {
        var client = session.Client;
        if (session.Refusals.Count(code) is var refused and > 0)
        {
            Log.Refused(logger, client.ApplicationId, client.ClientId, operation, channel.Length > ChannelNames.MaxLength ? channel[..ChannelNames.MaxLength] + "…" : channel, code, refused);
        }

        return SendResult.Refused(code, message) with { Channel = ChannelNames.IsValid(channel) ? channel : null };
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Debug, "Client {AppId}/{ClientId} joined {Channel} at offset {Offset}")]
        public static partial void Joined(ILogger logger, string appId, string clientId, string channel, long offset);

        [LoggerMessage(61, LogLevel.Debug, "Client {AppId}/{ClientId} left {Channel}")]
        public static partial void Left(ILogger logger, string appId, string clientId, string channel);

        [LoggerMessage(62, LogLevel.Warning, "Client {AppId}/{ClientId}: {Operation} {Channel} refused ({Code}); {Refused} refusals since the last such line")]
        public static partial void Refused(ILogger logger, string appId, string clientId, string operation, string channel, string code, long refused);

        [LoggerMessage(63, LogLevel.Error, "The channel authorization hook of {AppId} failed for {ClientId} on {Channel}; refused")]
        public static partial void HookFailed(ILogger logger, Exception exception, string appId, string clientId, string channel);

        [LoggerMessage(66, LogLevel.Information, "Client {AppId}/{ClientId} could not rejoin {Channel} it remembered ({Code})")]
        public static partial void RejoinRefused(ILogger logger, string appId, string clientId, string channel, string? code);
    }
}
