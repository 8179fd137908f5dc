using System.Text.Json;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.Apps.Chat;

/// <summary>What a chat tab receives, made by hand: server events on its own channel, messages in rooms and pairs.</summary>
internal static class ChatPublications
{
    public const string App = "chat";
    public const string Me = "client-1";
    public const string MyPerson = "person-me";
    public const string Nonce = "nonce-1";

    private static long s_offset;

    /// <summary>A server event (welcome, dm, stranger…) on this tab's personal channel.</summary>
    public static Publication Event(object data) => In(ChannelKey.ForClient(App, Me).Name, data, from: null);

    /// <summary>The welcome of a tab whose person is <see cref="MyPerson"/>, answering the hello with <paramref name="nonce"/>.</summary>
    public static Publication Welcome(string? nickname = "Me", IReadOnlyList<string>? rooms = null, StrangerEvent? stranger = null, string? nonce = Nonce) =>
        Event(new WelcomeEvent(nonce, MyPerson, nickname, rooms ?? [], ["lobby"], stranger ?? new StrangerEvent(StrangerStates.Idle)));

    /// <summary>A direct message between two people.</summary>
    public static Publication Direct(string id, ChatPersonRef from, ChatPersonRef to, string text) =>
        Event(new DirectMessageEvent(id, from, to, text));

    /// <summary>A message in a room or pair channel.</summary>
    public static Publication Said(string channel, long offset, string text, string? name = null, string? person = null, string? from = "client-other") =>
        In(channel, new ChannelMessage(text, name, person), from, offset);

    /// <summary>A presence change in a room.</summary>
    public static PresenceEvent Presence(string channel, string action, string clientId, string name, string person) =>
        new(new ChannelKey(App, channel), action, new PresenceMember(clientId, null, JsonSerializer.SerializeToElement(new ChatPresenceInfo(name, person), JsonSerializerOptions.Web)));

    private static Publication In(string channel, object data, string? from, long? offset = null)
    {
        var at = offset ?? Interlocked.Increment(ref s_offset);
        return new Publication($"{channel}-{at}", new ChannelKey(App, channel), "epoch-1", at, from, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), DateTimeOffset.UnixEpoch);
    }
}
