using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>Asks for a nickname, checks it as the server will, and hands it on.</summary>
public sealed partial class NicknameForm : ComponentBase
{
    private string? _nickname;
    private string? _error;
    private bool _saving;

    /// <summary>The nickname now, when changing it; <see langword="null"/> when choosing the first.</summary>
    [Parameter]
    public string? Current { get; set; }

    /// <summary>Saves a valid nickname; answers whether the server accepted it.</summary>
    [Parameter]
    public Func<string, Task<bool>> OnSubmit { get; set; } = _ => Task.FromResult(false);

    /// <summary>Gives up changing the nickname.</summary>
    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => _nickname = Current;

    private async Task SubmitAsync()
    {
        var nickname = _nickname?.Trim();
        if (!ChatLimits.TryValidateNickname(nickname, out var error))
        {
            _error = error;
            return;
        }

        _error = null;
        _saving = true;
        try
        {
            await OnSubmit(nickname);
        }
        finally
        {
            _saving = false;
        }
    }
}
