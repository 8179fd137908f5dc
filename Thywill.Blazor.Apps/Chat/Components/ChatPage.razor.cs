using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.State;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>
/// The Razor front end of chat. It keeps a <see cref="ChatState"/> fed by the client's messages and
/// presence, joins and leaves rooms through the client API, and sends everything else to
/// <see cref="ChatApplication"/>, which checks it and answers through pushes.
/// </summary>
public sealed partial class ChatPage : ComponentBase, IDisposable
{
    private ChatState _state = default!;
    private IDisposable? _messages;
    private IDisposable? _presence;
    private IDisposable? _recoveries;
    private ChatError? _error;
    private bool _editingNickname;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    private IReadOnlyCollection<string> JoinedRooms =>
        _state.Conversations.Where(c => c.Kind == ConversationKind.Room).Select(c => c.Title).ToArray();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _state = new ChatState(Thywill.Client.ClientId, Guid.NewGuid().ToString("N"));
        _messages = Thywill.OnMessage(OnMessage);
        _presence = Thywill.OnPresence(OnPresence);
        _recoveries = Thywill.OnRecovery(OnRecovery);

        // The answer (a welcome) arrives as a push, after anything replayed for this tab.
        await SendAsync(ChatRequest.Hello(_state.Nonce));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _messages?.Dispose();
        _presence?.Dispose();
        _recoveries?.Dispose();
    }

    private Task OnMessage(Publication publication)
    {
        if (_state.Apply(publication) is WelcomeEvent { Rooms.Count: > 0 } welcome)
        {
            // Not awaited here: the handler must not hold up the messages behind it.
            _ = InvokeAsync(() => RestoreRoomsAsync(welcome.Rooms));
        }

        return Task.CompletedTask;
    }

    private Task OnPresence(PresenceEvent presence)
    {
        _state.Apply(presence);
        return Task.CompletedTask;
    }

    private Task OnRecovery(RecoveryEvent recovery)
    {
        _state.Apply(recovery);
        return Task.CompletedTask;
    }

    // After a reload this tab is still in its rooms, and the framework has given the new, empty page
    // each room's history again (the rooms were joined with it). Joining again only returns where the
    // room is and who is there: nobody sees this tab leave or come back.
    private async Task RestoreRoomsAsync(IReadOnlyList<string> rooms)
    {
        foreach (var room in rooms)
        {
            await JoinChannelAsync(ChatLimits.RoomPrefix + room);
        }

        StateHasChanged();
    }

    private async Task<bool> SetNicknameAsync(string nickname)
    {
        if (!await SendAsync(ChatRequest.Nickname(nickname)))
        {
            return false;
        }

        _editingNickname = false;
        StateHasChanged();
        return true;
    }

    private void EditNickname() => _editingNickname = true;

    private void CancelNicknameEdit() => _editingNickname = false;

    private async Task<bool> JoinRoomAsync(string room)
    {
        var channel = ChatLimits.RoomPrefix + room;
        if (_state.Find(channel) is not null)
        {
            _state.Select(channel);
            StateHasChanged();
            return true;
        }

        return await JoinChannelAsync(channel);
    }

    private async Task<bool> JoinChannelAsync(string channel)
    {
        // The conversation exists before the join, so the history the join delivers has a place to go.
        _state.BeginRoom(channel);
        var result = await Thywill.JoinAsync(channel, new ChannelJoinOptions(History: true));
        if (!result.Ok)
        {
            _state.Close(channel);
            ShowError(result);
            StateHasChanged();
            return false;
        }

        _error = null;
        _state.CompleteRoom(channel, result.Offset ?? 0, result.Presence);
        StateHasChanged();
        return true;
    }

    private async Task CloseAsync(Conversation conversation)
    {
        if (conversation.Kind == ConversationKind.Room)
        {
            var result = await Thywill.LeaveAsync(conversation.Key);
            if (!result.Ok && result.Code != ErrorCodes.NotMember)
            {
                ShowError(result);
                return;
            }
        }
        else if (conversation.Kind == ConversationKind.Stranger && !conversation.Ended)
        {
            await LeaveStrangerAsync();
            return;
        }

        _state.Close(conversation.Key);
    }

    private void Select(string key) => _state.Select(key);

    private void OpenDirect(PresencePerson person) => _state.OpenDirect(person.Person, person.Name);

    private async Task<bool> SayAsync(string text)
    {
        if (_state.Active is not { } active)
        {
            return false;
        }

        var request = active.Kind == ConversationKind.Direct
            ? ChatRequest.Direct(active.Key[Conversation.DirectPrefix.Length..], text)
            : ChatRequest.Say(active.Key, text);
        return await SendAsync(request);
    }

    private Task FindStrangerAsync() => SendAsync(ChatRequest.Of(ChatMessageTypes.Stranger));

    private Task LeaveStrangerAsync() => SendAsync(ChatRequest.Of(ChatMessageTypes.StrangerLeave));

    private Task KickStrangerAsync() => SendAsync(ChatRequest.Of(ChatMessageTypes.StrangerKick));

    // Children call back through plain delegates (they need the answer), which re-render only the
    // child: render here so a refusal shows at once.
    private async Task<bool> SendAsync(ChatRequest request)
    {
        var result = await Thywill.SendAsync(request);
        if (result.Ok)
        {
            _error = null;
        }
        else
        {
            ShowError(result);
        }

        StateHasChanged();
        return result.Ok;
    }

    private void ShowError(SendResult result) =>
        _error = new ChatError(result.Code ?? "error", result.Message ?? "The server refused.");

    private void ClearError() => _error = null;

    private static string TitleOf(Conversation conversation) => conversation.Kind switch
    {
        ConversationKind.Room => "#" + conversation.Title,
        ConversationKind.Direct => "Direct messages with " + conversation.Title,
        _ => conversation.Ended ? "Stranger (ended)" : "Talking to a stranger",
    };

    private sealed record ChatError(string Code, string Message);
}
