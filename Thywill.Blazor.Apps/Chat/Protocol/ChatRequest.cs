using System.Text.Json;
using System.Text.Json.Serialization;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Chat.Protocol;

/// <summary>A message from the chat page to the server side of chat (<c>ChatApplication</c>); <see cref="Type"/> says which fields apply.</summary>
public sealed record ChatRequest
{
    /// <summary>One of <see cref="ChatMessageTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The nickname, for <see cref="ChatMessageTypes.Nickname"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The room or pair channel, for <see cref="ChatMessageTypes.Say"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }

    /// <summary>The recipient's person id (or a client id of theirs), for <see cref="ChatMessageTypes.Direct"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? To { get; init; }

    /// <summary>The text, for <see cref="ChatMessageTypes.Say"/> and <see cref="ChatMessageTypes.Direct"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>
    /// For <see cref="ChatMessageTypes.Hello"/>: a value the welcome repeats, so the page tells its own
    /// welcome from older ones replayed to a reloaded tab.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Nonce { get; init; }

    /// <summary>Asks for the tab's state.</summary>
    /// <param name="nonce">Repeated in the welcome (at most 64 characters).</param>
    public static ChatRequest Hello(string nonce) => new() { Type = ChatMessageTypes.Hello, Nonce = nonce };

    /// <summary>Chooses a nickname.</summary>
    /// <param name="name">The nickname.</param>
    public static ChatRequest Nickname(string name) => new() { Type = ChatMessageTypes.Nickname, Name = name };

    /// <summary>Says something in a room or pair.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="text">The text.</param>
    public static ChatRequest Say(string channel, string text) => new() { Type = ChatMessageTypes.Say, Channel = channel, Text = text };

    /// <summary>Sends a direct message.</summary>
    /// <param name="to">The recipient's person id.</param>
    /// <param name="text">The text.</param>
    public static ChatRequest Direct(string to, string text) => new() { Type = ChatMessageTypes.Direct, To = to, Text = text };

    /// <summary>A request with no fields: <see cref="ChatMessageTypes.Stranger"/>, <see cref="ChatMessageTypes.StrangerLeave"/>, <see cref="ChatMessageTypes.StrangerKick"/>.</summary>
    /// <param name="type">The type.</param>
    public static ChatRequest Of(string type) => new() { Type = type };

    /// <summary>Reads a request the browser sent.</summary>
    /// <param name="data">The message data.</param>
    /// <returns>The request; fields are not yet checked against <see cref="ChatLimits"/>.</returns>
    /// <exception cref="MessageRejectedException">It is not a chat request.</exception>
    public static ChatRequest Parse(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new MessageRejectedException("A chat message is a JSON object with a 'type'.");
        }

        return new ChatRequest
        {
            Type = ReadString(data, "type") ?? throw new MessageRejectedException("A chat message needs a 'type'."),
            Name = ReadString(data, "name"),
            Channel = ReadString(data, "channel"),
            To = ReadString(data, "to"),
            Text = ReadString(data, "text"),
            Nonce = ReadString(data, "nonce"),
        };
    }

    private static string? ReadString(JsonElement data, string property) =>
        !data.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new MessageRejectedException($"'{property}' must be a string.");
}
