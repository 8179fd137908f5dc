using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Channels on this node: the server API (<see cref="IThywillChannels"/>), the browser's join, leave
/// and publish (checked against the rules and the application's hook), recovery reads that fall back
/// to the archive, and presence with a grace period for clients that are only briefly away.
/// </summary>
internal sealed partial class ChannelService(
    IThywillEngine engine,
    ChannelRules rules,
    IChannelArchive archive,
    ClientRegistry registry,
    IApplicationCatalog catalog,
    IOptionsMonitor<ThywillOptions> options,
    TimeProvider time,
    ILogger<ChannelService> logger) : IThywillChannels
{
    private readonly ConcurrentDictionary<ChannelKey, Lazy<Task>> _opened = new();
    private readonly ConcurrentDictionary<(string App, string Client), JsonElement> _info = new();
    private readonly ConcurrentDictionary<(string App, string Client), CancellationTokenSource> _pendingLeaves = new();

    // ---- server API --------------------------------------------------------------------------

    public async Task<Publication> PublishAsync(string applicationId, string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        var element = data is JsonElement json ? json : JsonSerializer.SerializeToElement(data, JsonDefaults.Web);
        MessageSize.EnsureWithinLimit(element, options.CurrentValue.Messages.MaxMessageBytes);
        return await PublishCoreAsync(key, rules.ForServer(key), from, element, exclude, cancellationToken).ConfigureAwait(false);
    }

    public async Task JoinAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        await engine.AddMembershipAsync(applicationId, clientId, key.Name, cancellationToken).ConfigureAwait(false);
        if (registry.TryGet(clientId, out var connection) && connection.Client.ApplicationId == applicationId)
        {
            await AttachAsync(connection, key, rules.ForServer(key), from: null, report: false, info: default, cancellationToken).ConfigureAwait(false);
            registry.NotifyChanged();
        }
    }

    public async Task LeaveAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        await engine.RemoveMembershipAsync(applicationId, clientId, key.Name, cancellationToken).ConfigureAwait(false);
        if (registry.TryGet(clientId, out var connection) && connection.Client.ApplicationId == applicationId)
        {
            await connection.DetachAsync(key.Name).ConfigureAwait(false);
            registry.NotifyChanged();
        }

        await engine.LeavePresenceAsync(key, clientId, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> GetChannelsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        engine.GetMembershipsAsync(applicationId, clientId, cancellationToken).AsTask();

    public Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string applicationId, string channel, CancellationToken cancellationToken = default) =>
        engine.GetPresenceAsync(new ChannelKey(applicationId, RequireValid(channel)), cancellationToken).AsTask();

    public async Task SetClientInfoAsync(string applicationId, string clientId, object? info, CancellationToken cancellationToken = default)
    {
        var element = info is JsonElement json ? json.Clone() : JsonSerializer.SerializeToElement(info, JsonDefaults.Web);
        _info[(applicationId, clientId)] = element;
        foreach (var channel in await engine.GetMembershipsAsync(applicationId, clientId, cancellationToken).ConfigureAwait(false))
        {
            var key = new ChannelKey(applicationId, channel);
            var present = await engine.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
            if (present.FirstOrDefault(m => m.ClientId == clientId) is { } member)
            {
                await engine.JoinPresenceAsync(key, member with { Info = element }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<Publication>> ReadHistoryAsync(string applicationId, string channel, int max, CancellationToken cancellationToken = default)
    {
        var key = new ChannelKey(applicationId, RequireValid(channel));
        var history = await ReadForRecoveryAsync(key, rules.ForServer(key), afterOffset: 0, cancellationToken).ConfigureAwait(false);
        return history.Publications.Count > max ? history.Publications.Skip(history.Publications.Count - max).ToArray() : history.Publications;
    }

    // ---- the browser's operations ------------------------------------------------------------

    public async Task<SendResult> ClientJoinAsync(ClientConnection connection, string channel, ChannelPosition? from, bool history, JsonElement info, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(client, "join", channel, ChannelErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        var key = new ChannelKey(client.ApplicationId, channel);
        var rule = rules.Find(key);
        if (await DenyAsync(client, ChannelOperation.Join, channel, rule, default, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        rule ??= rules.ForServer(key);
        if (info.ValueKind != JsonValueKind.Undefined && MessageSize.Measure(info) > options.CurrentValue.Channels.MaxPresenceInfoBytes)
        {
            return Refuse(client, "join", channel, SendErrorCodes.TooLarge, "The presence info is too large.");
        }

        var memberships = await engine.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false);
        if (!memberships.Contains(channel) && memberships.Count >= options.CurrentValue.Channels.MaxChannelsPerClient)
        {
            return Refuse(client, "join", channel, ChannelErrorCodes.TooManyChannels, "This client is in too many channels.");
        }

        var added = await engine.AddMembershipAsync(client.ApplicationId, client.ClientId, channel, cancellationToken).ConfigureAwait(false);

        // "history" asks for everything the channel keeps, as if the client had been there from the start.
        ChannelPosition position;
        try
        {
            var start = from ?? (history ? new ChannelPosition(await EpochOfAsync(key, rule, cancellationToken).ConfigureAwait(false), 0) : null);
            position = await AttachAsync(connection, key, rule, start, report: from is not null, info, cancellationToken).ConfigureAwait(false);
        }
        catch when (added)
        {
            // A join that failed (the archive is down, the client left) leaves no membership behind.
            await engine.RemoveMembershipAsync(client.ApplicationId, client.ClientId, channel, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var presence = rule.Presence ? await engine.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false) : null;
        Log.Joined(logger, client.ApplicationId, client.ClientId, channel, position.Offset);
        registry.NotifyChanged();
        return new SendResult
        {
            Ok = true,
            Channel = channel,
            Epoch = position.Epoch,
            Offset = position.Offset,
            Presence = presence?.Select(PresenceView.From).ToArray(),
        };
    }

    public async Task<SendResult> ClientLeaveAsync(ClientConnection connection, string channel, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(client, "leave", channel, ChannelErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        if (!await engine.RemoveMembershipAsync(client.ApplicationId, client.ClientId, channel, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(client, "leave", channel, ChannelErrorCodes.NotMember, "This client is not a member of the channel.");
        }

        await connection.DetachAsync(channel).ConfigureAwait(false);
        await engine.LeavePresenceAsync(new ChannelKey(client.ApplicationId, channel), client.ClientId, cancellationToken).ConfigureAwait(false);
        Log.Left(logger, client.ApplicationId, client.ClientId, channel);
        registry.NotifyChanged();
        return new SendResult { Ok = true, Channel = channel };
    }

    public async Task<SendResult> ClientPublishAsync(ClientConnection connection, string channel, JsonElement data, bool excludeSelf, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        if (!ChannelNames.IsValid(channel))
        {
            return Refuse(client, "publish", channel, ChannelErrorCodes.InvalidChannel, "The channel name is not valid.");
        }

        var size = MessageSize.Measure(data);
        var limit = options.CurrentValue.Messages.MaxMessageBytes;
        if (size > limit)
        {
            return Refuse(client, "publish", channel, SendErrorCodes.TooLarge, $"The message is {size} bytes; the limit is {limit} bytes.");
        }

        var key = new ChannelKey(client.ApplicationId, channel);
        var rule = rules.Find(key);
        if (!(await engine.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false)).Contains(channel))
        {
            return Refuse(client, "publish", channel, rule is null ? ChannelErrorCodes.NotFound : ChannelErrorCodes.NotMember, "Join the channel before publishing to it.");
        }

        if (await DenyAsync(client, ChannelOperation.Publish, channel, rule, data, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var publication = await PublishCoreAsync(key, rule ?? rules.ForServer(key), client.ClientId, data, excludeSelf ? [client.ClientId] : null, cancellationToken).ConfigureAwait(false);
        return new SendResult { Ok = true, Id = publication.Id, Channel = channel, Epoch = publication.Epoch, Offset = publication.Offset };
    }

    // ---- connecting and disconnecting clients -------------------------------------------------

    /// <summary>
    /// Subscribes a connecting client to its framework channels and its memberships, recovering from
    /// the positions its browser remembers; rejoins the presence it may have left only briefly.
    /// </summary>
    public async Task AttachClientAsync(ClientConnection connection, bool resumed, IReadOnlyDictionary<string, ChannelPosition> positions, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        CancelPendingLeave(client);

        // Positions remembered by a tab that did not get its old identity back are not this client's.
        if (!resumed)
        {
            positions = new Dictionary<string, ChannelPosition>();
        }

        foreach (var key in connection.FrameworkChannels())
        {
            // A resumed client's personal channels are all its own: without a position, recover everything kept.
            var from = positions.GetValueOrDefault(key.Name)
                ?? (resumed && key.Name != ChannelKey.Broadcast(client.ApplicationId).Name
                    ? new ChannelPosition(await EpochOfAsync(key, rules.ForServer(key), cancellationToken).ConfigureAwait(false), 0)
                    : null);
            await AttachAsync(connection, key, rules.ForServer(key), from, report: positions.ContainsKey(key.Name), default, cancellationToken).ConfigureAwait(false);
        }

        var memberships = await engine.GetMembershipsAsync(client.ApplicationId, client.ClientId, cancellationToken).ConfigureAwait(false);
        foreach (var channel in memberships)
        {
            var key = new ChannelKey(client.ApplicationId, channel);
            var from = positions.GetValueOrDefault(channel);
            await AttachAsync(connection, key, rules.ForServer(key), from, report: from is not null, default, cancellationToken).ConfigureAwait(false);
        }

        // Channels the browser remembers but this server does not (a restart, a node without shared
        // state): the browser asks again, and the rules and the application decide again.
        foreach (var (channel, from) in positions)
        {
            if (channel.StartsWith('$') || memberships.Contains(channel, StringComparer.Ordinal))
            {
                continue;
            }

            var result = await ClientJoinAsync(connection, channel, from, history: false, default, cancellationToken).ConfigureAwait(false);
            if (!result.Ok)
            {
                Log.RejoinRefused(logger, client.ApplicationId, client.ClientId, channel, result.Code);
            }
        }
    }

    /// <summary>The client's browser is back on the same circuit: rejoin any presence it left meanwhile.</summary>
    public async Task RestorePresenceAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        CancelPendingLeave(client);
        foreach (var channel in connection.Channels)
        {
            var key = new ChannelKey(client.ApplicationId, channel);
            if (!channel.StartsWith('$') && rules.ForServer(key).Presence)
            {
                var present = await engine.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
                if (present.All(m => m.ClientId != client.ClientId))
                {
                    var info = _info.TryGetValue((client.ApplicationId, client.ClientId), out var known) ? known : default;
                    await engine.JoinPresenceAsync(key, new PresenceMember(client.ClientId, client.UserId, info), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The client is away: after the grace period, unless it is back, it leaves every presence.</summary>
    public void ScheduleLeave(ClientInfo client)
    {
        var cts = new CancellationTokenSource();
        var key = (client.ApplicationId, client.ClientId);
        if (_pendingLeaves.TryGetValue(key, out var previous))
        {
            previous.Cancel();
        }

        _pendingLeaves[key] = cts;
        _ = LeaveAfterGraceAsync(client, cts);
    }

    /// <summary>The client is back (a reconnect, a reload, another node): it never left.</summary>
    public void CancelPendingLeave(ClientInfo client)
    {
        if (_pendingLeaves.TryRemove((client.ApplicationId, client.ClientId), out var cts))
        {
            cts.Cancel();
        }
    }

    private async Task LeaveAfterGraceAsync(ClientInfo client, CancellationTokenSource cts)
    {
        try
        {
            await Task.Delay(options.CurrentValue.Channels.PresenceGracePeriod, time, cts.Token).ConfigureAwait(false);
            if (registry.TryGet(client.ClientId, out var connection) && connection.Link.IsUp)
            {
                return;
            }

            foreach (var channel in await engine.GetMembershipsAsync(client.ApplicationId, client.ClientId, CancellationToken.None).ConfigureAwait(false))
            {
                await engine.LeavePresenceAsync(new ChannelKey(client.ApplicationId, channel), client.ClientId, CancellationToken.None).ConfigureAwait(false);
            }

            Log.PresenceExpired(logger, client.ApplicationId, client.ClientId);
        }
        catch (OperationCanceledException)
        {
            // Back within the grace period.
        }
        catch (Exception ex)
        {
            Log.PresenceLeaveFailed(logger, ex, client.ApplicationId, client.ClientId);
        }
        finally
        {
            _pendingLeaves.TryRemove(new KeyValuePair<(string, string), CancellationTokenSource>((client.ApplicationId, client.ClientId), cts));
            cts.Dispose();
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    private async Task<ChannelPosition> AttachAsync(ClientConnection connection, ChannelKey key, ChannelRule rule, ChannelPosition? from, bool report, JsonElement info, CancellationToken cancellationToken)
    {
        await OpenAsync(key, rule).ConfigureAwait(false);
        var position = await connection.AttachAsync(
            key,
            from,
            report,
            async (channel, subscriber) => await engine.SubscribeAsync(channel, subscriber, cancellationToken).ConfigureAwait(false),
            (channel, after) => ReadForRecoveryAsync(channel, rule, after, cancellationToken)).ConfigureAwait(false);

        if (rule.Presence)
        {
            var client = connection.Client;
            var memberInfo = _info.TryGetValue((client.ApplicationId, client.ClientId), out var known) ? known : info;
            if (memberInfo.ValueKind == JsonValueKind.Undefined)
            {
                // Keep what the client gave before a reconnect, if it is still present.
                var present = await engine.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
                memberInfo = present.FirstOrDefault(m => m.ClientId == client.ClientId)?.Info ?? default;
            }

            await engine.JoinPresenceAsync(key, new PresenceMember(client.ClientId, client.UserId, memberInfo), cancellationToken).ConfigureAwait(false);
        }

        return position;
    }

    private async Task<Publication> PublishCoreAsync(ChannelKey key, ChannelRule rule, string? from, JsonElement data, IReadOnlyList<string>? exclude, CancellationToken cancellationToken)
    {
        await OpenAsync(key, rule).ConfigureAwait(false);
        var publication = await engine.PublishAsync(key, from, data, exclude, cancellationToken).ConfigureAwait(false);
        if (rule.Archive)
        {
            await archive.AppendAsync(publication, rule.HistorySize, CancellationToken.None).ConfigureAwait(false);
        }

        return publication;
    }

    /// <summary>What a channel keeps after an offset: memory first, the archive for what memory lost.</summary>
    private async Task<ChannelHistory> ReadForRecoveryAsync(ChannelKey key, ChannelRule rule, long afterOffset, CancellationToken cancellationToken)
    {
        await OpenAsync(key, rule).ConfigureAwait(false);
        var history = await engine.ReadHistoryAsync(key, afterOffset, cancellationToken).ConfigureAwait(false);
        if (history.Complete || !rule.Archive)
        {
            return history;
        }

        var firstInMemory = history.Publications.Count > 0 ? history.Publications[0].Offset : history.LatestOffset + 1;
        var archived = await archive.ReadAsync(key, afterOffset, rule.HistorySize, cancellationToken).ConfigureAwait(false);
        var older = archived.Where(p => p.Offset < firstInMemory).ToList();
        var merged = older.Concat(history.Publications).ToArray();

        // Complete when the archive reaches back to the first offset the client lacks, with no hole.
        var complete = merged.Length > 0 && merged[0].Offset == afterOffset + 1
            && merged.Zip(merged.Skip(1)).All(pair => pair.Second.Offset == pair.First.Offset + 1);
        return history with { Publications = merged, Complete = complete || afterOffset >= history.LatestOffset };
    }

    private async Task<string> EpochOfAsync(ChannelKey key, ChannelRule rule, CancellationToken cancellationToken)
    {
        await OpenAsync(key, rule).ConfigureAwait(false);
        return (await engine.ReadHistoryAsync(key, long.MaxValue, cancellationToken).ConfigureAwait(false)).Epoch;
    }

    // An archived channel continues its epoch and offsets from the database, once per process,
    // before the engine touches it.
    private Task OpenAsync(ChannelKey key, ChannelRule rule)
    {
        if (!rule.Archive)
        {
            return Task.CompletedTask;
        }

        var opening = _opened.GetOrAdd(key, k => new Lazy<Task>(() => OpenArchivedAsync(k)));
        if (opening.Value.IsFaulted)
        {
            // A failed open (the database was down) is tried again now, not left to the next caller.
            _opened.TryRemove(new KeyValuePair<ChannelKey, Lazy<Task>>(key, opening));
            opening = _opened.GetOrAdd(key, k => new Lazy<Task>(() => OpenArchivedAsync(k)));
        }

        return opening.Value;
    }

    private async Task OpenArchivedAsync(ChannelKey key)
    {
        var (epoch, latest) = await archive.OpenAsync(key, IdGenerator.NewId()[..8], CancellationToken.None).ConfigureAwait(false);
        await engine.SeedChannelAsync(key, epoch, latest).ConfigureAwait(false);
    }

    private async Task<SendResult?> DenyAsync(ClientInfo client, ChannelOperation operation, string channel, ChannelRule? rule, JsonElement data, CancellationToken cancellationToken)
    {
        var application = catalog.GetApplication(client.ApplicationId);
        var request = new ChannelAccessRequest(operation, client, channel, rule, data);
        bool allowed;
        try
        {
            allowed = application is not null && await application.AuthorizeChannelAsync(request, cancellationToken).ConfigureAwait(false);
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
            ? Refuse(client, verb, channel, ChannelErrorCodes.NotFound, $"There is no channel '{channel}'.")
            : Refuse(client, verb, channel, ChannelErrorCodes.NoPermission, $"This client may not {verb} in '{channel}'.");
    }

    private SendResult Refuse(ClientInfo client, string operation, string channel, string code, string message)
    {
        Log.Refused(logger, client.ApplicationId, client.ClientId, operation, channel.Length > ChannelNames.MaxLength ? channel[..ChannelNames.MaxLength] + "…" : channel, code);
        return SendResult.Refused(code, message) with { Channel = ChannelNames.IsValid(channel) ? channel : null };
    }

    private static string RequireValid(string channel)
    {
        if (!ChannelNames.IsValid(channel))
        {
            throw new ArgumentException($"'{channel}' is not a valid channel name.", nameof(channel));
        }

        return channel;
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Debug, "Client {AppId}/{ClientId} joined {Channel} at offset {Offset}")]
        public static partial void Joined(ILogger logger, string appId, string clientId, string channel, long offset);

        [LoggerMessage(61, LogLevel.Debug, "Client {AppId}/{ClientId} left {Channel}")]
        public static partial void Left(ILogger logger, string appId, string clientId, string channel);

        [LoggerMessage(62, LogLevel.Warning, "Client {AppId}/{ClientId}: {Operation} {Channel} refused ({Code})")]
        public static partial void Refused(ILogger logger, string appId, string clientId, string operation, string channel, string code);

        [LoggerMessage(63, LogLevel.Error, "The channel authorization hook of {AppId} failed for {ClientId} on {Channel}; refused")]
        public static partial void HookFailed(ILogger logger, Exception exception, string appId, string clientId, string channel);

        [LoggerMessage(64, LogLevel.Information, "Client {AppId}/{ClientId} was away past the grace period: left presence")]
        public static partial void PresenceExpired(ILogger logger, string appId, string clientId);

        [LoggerMessage(66, LogLevel.Information, "Client {AppId}/{ClientId} could not rejoin {Channel} it remembered ({Code})")]
        public static partial void RejoinRefused(ILogger logger, string appId, string clientId, string channel, string? code);

        [LoggerMessage(65, LogLevel.Error, "Presence leave of {AppId}/{ClientId} failed")]
        public static partial void PresenceLeaveFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}
