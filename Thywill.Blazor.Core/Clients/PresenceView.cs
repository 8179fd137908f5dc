using System.Text.Json;
using System.Text.Json.Serialization;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>A presence member as the browser sees it.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="UserId">The user, if authenticated.</param>
/// <param name="Info">Display information.</param>
public sealed record PresenceView(
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("info")] JsonElement? Info)
{
    internal static PresenceView From(PresenceMember member) =>
        new(member.ClientId, member.UserId, member.Info.ValueKind == JsonValueKind.Undefined ? null : member.Info);
}
