using System.Text.Json;

namespace Thywill.Blazor.Components;

/// <summary>
/// Keeps the bootstrap's JS interop from costing every circuit JSON metadata of its own.
/// </summary>
/// <remarks>
/// Each circuit's JS runtime has its own serializer options, so its own metadata cache: every type
/// that goes through it is described again for every circuit (≈ 0.6–2 KB each, kept as long as the
/// circuit lives). Arguments are serialized by their runtime type, whose base types and interfaces are
/// described too — a <see cref="string"/> brings ten types, ≈ 7 KB per circuit. So the framework talks
/// to the page in <see cref="JsonElement"/> only (no interfaces; one type for arguments and answers):
/// text goes out through <see cref="Text"/> (the same JSON as the string), and answers are read with
/// <see cref="Options"/>, whose metadata all circuits share.
/// </remarks>
internal static class InteropJson
{
    /// <summary>The settings of Blazor's JS runtime (<c>JSRuntime</c>), minus its per-circuit converters.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        MaxDepth = 32,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>A text argument for a JS interop call: written as that string.</summary>
    public static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>Reads an answer as Blazor would have read it into <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The answer is not a <typeparamref name="T"/>, or is null.</exception>
    public static T Read<T>(JsonElement answer)
        where T : class =>
        answer.Deserialize<T>(Options) ?? throw new JsonException($"The answer is null, not a {typeof(T).Name}.");
}
