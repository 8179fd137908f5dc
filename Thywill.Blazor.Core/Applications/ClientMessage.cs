using System.Text.Json;

namespace Thywill.Blazor.Applications;

/// <summary>A message a client sent to its application. The sender is stamped by the server.</summary>
/// <param name="Id">A unique id for the message.</param>
/// <param name="Sender">The client that sent it.</param>
/// <param name="Data">The message: any JSON value; a string stays a string.</param>
/// <param name="Timestamp">When the server received it.</param>
public sealed record ClientMessage(string Id, ClientInfo Sender, JsonElement Data, DateTimeOffset Timestamp)
{
    /// <summary>The message as text when it is a JSON string, else its JSON text.</summary>
    public string Text => Data.ValueKind == JsonValueKind.String ? Data.GetString()! : Data.GetRawText();
}
