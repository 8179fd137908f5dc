using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>The message box: checks the text as the server will, sends it, and clears the box once accepted.</summary>
public sealed partial class MessageComposer : ComponentBase
{
    private string? _text;
    private string? _error;
    private bool _sending;

    /// <summary>Whether nothing more can be said (an ended stranger pair).</summary>
    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>Sends a valid text; answers whether the server accepted it.</summary>
    [Parameter]
    public Func<string, Task<bool>> OnSend { get; set; } = _ => Task.FromResult(false);

    private async Task SubmitAsync()
    {
        if (Disabled || _sending)
        {
            return;
        }

        var text = _text?.Trim();
        if (!ChatLimits.TryValidateText(text, out var error))
        {
            _error = string.IsNullOrEmpty(text) ? null : error;
            return;
        }

        _error = null;
        _sending = true;
        try
        {
            if (await OnSend(text))
            {
                _text = "";
            }
        }
        finally
        {
            _sending = false;
        }
    }
}
