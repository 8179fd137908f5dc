using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>A room name box: a new name creates the room, a known one joins it.</summary>
public sealed partial class RoomJoinForm : ComponentBase
{
    private string? _room;
    private string? _error;
    private bool _joining;

    /// <summary>Joins a valid room (the name without <c>room:</c>); answers whether it worked.</summary>
    [Parameter]
    public Func<string, Task<bool>> OnJoin { get; set; } = _ => Task.FromResult(false);

    private async Task SubmitAsync()
    {
        var room = ChatLimits.NormalizeRoomName(_room);
        if (!ChatLimits.TryValidateRoomName(room, out var error))
        {
            _error = error;
            return;
        }

        _error = null;
        _joining = true;
        try
        {
            if (await OnJoin(room))
            {
                _room = "";
            }
        }
        finally
        {
            _joining = false;
        }
    }
}
