using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat.Components;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.Server;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Apps.Chat;

/// <summary>
/// The server side of chat: nicknames, rooms (<c>room:{name}</c>, joined by the page), direct
/// messages to every tab of a person, and "talk to a stranger" pairs (<c>pair:{id}</c>, joined only
/// by the server). Every text goes through <see cref="OnMessageAsync"/>, which checks it and stamps
/// its author, so nobody can speak under another's name.
/// </summary>
public sealed partial class ChatApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "chat";

    private const int MaxNonceLength = 64;

    private readonly TimeProvider _time;
    private readonly ILogger<ChatApplication> _logger;
    private readonly ChatPeople _people;
    private readonly ChatRooms _rooms;
    private readonly StrangerMatcher _strangers = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pendingPairEnds = new(StringComparer.Ordinal);

    /// <summary>Creates the application.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ChatApplication(TimeProvider time, ILogger<ChatApplication> logger)
    {
        _time = time;
        _logger = logger;
        _people = new ChatPeople(time);
        _rooms = new ChatRooms(time);
    }

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Chat")
    {
        Description = "Rooms with presence and history, direct messages to every tab of a person, and talk to a stranger (Razor + MudBlazor).",
        Component = typeof(ChatPage),
        Resources =
        [
            BootstrapResource.Style("_content/MudBlazor/MudBlazor.min.css"),
            BootstrapResource.Style("_content/Thywill.Blazor.Apps/Thywill.Blazor.Apps.bundle.scp.css"),
            BootstrapResource.Script("_content/MudBlazor/MudBlazor.min.js"),
        ],
        Channels =
        [
            // Rooms: the page joins them; only the server publishes (every text is checked and
            // stamped with its author in OnMessageAsync); kept a week, in the database too.
            new ChannelDeclaration("room:*") { Join = true, Presence = true, HistorySize = 200, HistoryAge = TimeSpan.FromDays(7), Archive = true },

            // People: each person's record (nickname, session) is the one publication kept, and its
            // tabs are members, so presence lists them on every node. Only the server joins and
            // publishes; an hour in memory, the database after that.
            new ChannelDeclaration(ChatLimits.PersonPrefix + "*") { Presence = true, HistorySize = 1, HistoryAge = TimeSpan.FromHours(1), Archive = true },

            // The room directory: a room per publication, the newest ones kept; only the server publishes.
            new ChannelDeclaration("rooms") { HistorySize = ChatRooms.MaxListed, HistoryAge = TimeSpan.FromDays(7), Archive = true },

            // Stranger pairs: only the server joins and publishes.
            new ChannelDeclaration("pair:*") { HistorySize = 100, HistoryAge = TimeSpan.FromHours(1) },
        ],
    };

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        _people.Connect(client);
        CancelPendingPairEnd(client.ClientId);

        // The tab is a member of its person's channel (a no-op when it resumed one), and a new tab
        // of a person who already chose a nickname, here or on another node, shows it at once.
        var person = await ReadPersonAsync(client.SessionId, cancellationToken);
        await Channels.JoinAsync(client.ClientId, PersonChannel(person.PersonId), cancellationToken);
        if (person.Nickname is not null)
        {
            await Channels.SetClientInfoAsync(client.ClientId, new ChatPresenceInfo(person.Nickname, person.PersonId), cancellationToken);
        }
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        _people.Disconnect(client);
        _strangers.CancelWaiting(client.ClientId);
        if (_strangers.PairOf(client.ClientId) is { } pair)
        {
            SchedulePairEnd(client, pair);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = ChatRequest.Parse(message.Data);
        var sender = message.Sender;
        switch (request.Type)
        {
            case ChatMessageTypes.Hello:
                await WelcomeAsync(sender, request.Nonce, cancellationToken);
                break;
            case ChatMessageTypes.Nickname:
                await SetNicknameAsync(sender, request.Name);
                break;
            case ChatMessageTypes.Say:
                await SayAsync(sender, request.Channel, request.Text, cancellationToken);
                break;
            case ChatMessageTypes.Direct:
                await SendDirectAsync(message.Id, sender, request.To, request.Text, cancellationToken);
                break;
            case ChatMessageTypes.Stranger:
                await FindStrangerAsync(sender);
                break;
            case ChatMessageTypes.StrangerLeave:
                await LeaveStrangerAsync(sender);
                break;
            case ChatMessageTypes.StrangerKick:
                await KickStrangerAsync(sender);
                break;
            default:
                throw new MessageRejectedException($"Chat does not know the message type '{Shorten(request.Type)}'.");
        }
    }

    /// <summary>
    /// Refines the channel rules: a browser joins only well-named rooms, and only once it has a
    /// nickname (so presence shows a name); it never joins or publishes to a stranger pair, and never
    /// publishes to a room directly (text goes through <see cref="OnMessageAsync"/>).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    public override async ValueTask<bool> AuthorizeChannelAsync(ChannelAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ChatLimits.IsPairChannel(request.Channel))
        {
            return false;
        }

        if (!request.Channel.StartsWith(ChatLimits.RoomPrefix, StringComparison.Ordinal))
        {
            return request.AllowedByRule;
        }

        if (request.Operation != ChannelOperation.Join || !request.AllowedByRule || !ChatLimits.IsRoomChannel(request.Channel)
            || (await PersonOfAsync(request.Client.SessionId, cancellationToken)).Nickname is null)
        {
            return false;
        }

        await ListRoomAsync(request.Channel[ChatLimits.RoomPrefix.Length..], cancellationToken);

        return true;
    }

    private async Task WelcomeAsync(ClientInfo sender, string? nonce, CancellationToken cancellationToken)
    {
        if (nonce is { Length: > MaxNonceLength })
        {
            throw new MessageRejectedException($"'nonce' has at most {MaxNonceLength} characters.");
        }

        var person = await PersonOfAsync(sender.SessionId, cancellationToken);
        var rooms = (await Channels.GetChannelsAsync(sender.ClientId, cancellationToken))
            .Where(ChatLimits.IsRoomChannel)
            .Select(c => c[ChatLimits.RoomPrefix.Length..])
            .ToArray();
        var welcome = new WelcomeEvent(nonce, person.PersonId, person.Nickname, rooms, await ReadDirectoryAsync(cancellationToken), StrangerStateOf(sender.ClientId));
        await Push.SendToClientAsync(sender.ClientId, welcome, cancellationToken);
    }

    private async Task SetNicknameAsync(ClientInfo sender, string? nickname)
    {
        if (!ChatLimits.TryValidateNickname(nickname, out var error))
        {
            throw new MessageRejectedException(error);
        }

        // Once set, every tab hears of it, even if the sending tab goes away meanwhile: the record
        // first (every node reads it), then each tab's presence on whichever node holds it.
        var person = _people.Remember(sender.SessionId, nickname);
        await Channels.PublishAsync(PersonChannel(person.PersonId), new PersonRecord(nickname, person.SessionId), cancellationToken: CancellationToken.None);
        var info = new ChatPresenceInfo(nickname, person.PersonId);
        var tabs = await TabsOfAsync(person.PersonId, CancellationToken.None);
        foreach (var clientId in tabs.Append(sender.ClientId).Distinct(StringComparer.Ordinal))
        {
            await Channels.SetClientInfoAsync(clientId, info, CancellationToken.None);
        }

        await Push.SendToSessionAsync(sender.SessionId, new NicknameEvent(nickname), CancellationToken.None);
        Log.NicknameSet(_logger, person.PersonId, tabs.Count);
    }

    private async Task SayAsync(ClientInfo sender, string? channel, string? text, CancellationToken cancellationToken)
    {
        if (!ChatLimits.TryValidateText(text, out var error))
        {
            throw new MessageRejectedException(error);
        }

        if (ChatLimits.IsPairChannel(channel))
        {
            if (_strangers.PairOf(sender.ClientId)?.Channel != channel)
            {
                throw new MessageRejectedException("You are not talking to that stranger.");
            }

            // Strangers stay anonymous: the message carries no name; "from" tells the two apart.
            await Channels.PublishAsync(channel, new ChannelMessage(text), from: sender.ClientId, cancellationToken: cancellationToken);
            return;
        }

        if (!ChatLimits.IsRoomChannel(channel))
        {
            throw new MessageRejectedException("There is no such room.");
        }

        var person = await PersonOfAsync(sender.SessionId, cancellationToken);
        if (person.Nickname is null)
        {
            throw new MessageRejectedException("Choose a nickname first.");
        }

        if (!(await Channels.GetChannelsAsync(sender.ClientId, cancellationToken)).Contains(channel, StringComparer.Ordinal))
        {
            throw new MessageRejectedException("Join the room before writing in it.");
        }

        await Channels.PublishAsync(channel, new ChannelMessage(text, person.Nickname, person.PersonId), from: sender.ClientId, cancellationToken: cancellationToken);
    }

    private async Task SendDirectAsync(string messageId, ClientInfo sender, string? to, string? text, CancellationToken cancellationToken)
    {
        if (!ChatLimits.TryValidateText(text, out var error))
        {
            throw new MessageRejectedException(error);
        }

        var from = await PersonOfAsync(sender.SessionId, cancellationToken);
        if (from.Nickname is null)
        {
            throw new MessageRejectedException("Choose a nickname first.");
        }

        // Someone without a nickname has no record, so nobody knows them by their id.
        if (!ChatPeople.IsPersonId(to) || await FindRecordAsync(to, cancellationToken) is not { } recipient)
        {
            throw new MessageRejectedException("There is nobody with that address.");
        }

        if (to == from.PersonId)
        {
            throw new MessageRejectedException("You cannot send a direct message to yourself.");
        }

        // Online: a tab here, or one in the person's presence on any node.
        if (!_people.HasTabsHere(recipient.Session) && (await TabsOfAsync(to, cancellationToken)).Count == 0)
        {
            throw new MessageRejectedException($"{recipient.Nickname} is offline.");
        }

        // Every tab of the recipient, and every tab of the sender (so all of them show the conversation).
        var message = new DirectMessageEvent(messageId, new ChatPersonRef(from.PersonId, from.Nickname), new ChatPersonRef(to, recipient.Nickname), text);
        await Push.SendToSessionAsync(recipient.Session, message, cancellationToken);
        await Push.SendToSessionAsync(sender.SessionId, message, CancellationToken.None);
        Log.DirectMessage(_logger, from.PersonId, to);
    }

    private static string Shorten(string text) => text.Length > 32 ? text[..32] + "…" : text;

    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Information, "Chat: person {PersonId} chose a nickname ({Tabs} tab(s))")]
        public static partial void NicknameSet(ILogger logger, string personId, int tabs);

        [LoggerMessage(1001, LogLevel.Debug, "Chat: direct message from {FromPerson} to {ToPerson}")]
        public static partial void DirectMessage(ILogger logger, string fromPerson, string toPerson);

        [LoggerMessage(1002, LogLevel.Information, "Chat: {First} and {Second} paired in {Channel}")]
        public static partial void Paired(ILogger logger, string first, string second, string channel);

        [LoggerMessage(1003, LogLevel.Information, "Chat: pair {Channel} ended by {ClientId} ({Reason})")]
        public static partial void PairEnded(ILogger logger, string channel, string clientId, string reason);

        [LoggerMessage(1004, LogLevel.Error, "Chat: ending pair {Channel} failed")]
        public static partial void PairEndFailed(ILogger logger, Exception exception, string channel);
    }
}
