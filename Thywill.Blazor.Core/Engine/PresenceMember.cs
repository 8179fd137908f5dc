using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>A member of a channel's presence.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="UserId">The authenticated user, if any.</param>
/// <param name="Info">Display information the application (or the joining browser) supplied; JSON <c>null</c> when none.</param>
public sealed record PresenceMember(string ClientId, string? UserId, JsonElement Info)
{
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("clientId", ClientId);
        if (UserId is null)
        {
            writer.WriteNull("userId");
        }
        else
        {
            writer.WriteString("userId", UserId);
        }

        writer.WritePropertyName("info");
        if (Info.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            Info.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
