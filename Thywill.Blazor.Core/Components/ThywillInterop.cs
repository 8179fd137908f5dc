using System.Text.Json;
using Microsoft.JSInterop;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Logging;

namespace Thywill.Blazor.Components;

/// <summary>
/// The only .NET methods thywill.js may call. Kept apart from the component so that the browser
/// reaches nothing else; everything it sends is checked on the server.
/// </summary>
public sealed class ThywillInterop
{
    private readonly ThywillClientRoot _root;

    internal ThywillInterop(ThywillClientRoot root) => _root = root;

    /// <summary>A message from the page to the application.</summary>
    /// <param name="data">Any JSON value.</param>
    /// <returns>The acknowledgement or refusal.</returns>
    [JSInvokable("Send")]
    public Task<SendResult> SendAsync(JsonElement data) => _root.ReceiveAsync(data);

    /// <summary>An error in the page, for the server log.</summary>
    /// <param name="report">The error.</param>
    [JSInvokable("ReportError")]
    public void ReportError(BrowserErrorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _root.ReportError(report);
    }
}
