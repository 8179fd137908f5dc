using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thywill.Blazor.Rpc;

/// <summary>The answer to a call: its result, or a named error.</summary>
internal sealed record RpcResult
{
    /// <summary>Whether the call succeeded.</summary>
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    /// <summary>The function's result as JSON (<see langword="null"/> for void).</summary>
    [JsonPropertyName("result")]
    public JsonElement? Result { get; init; }

    /// <summary>The named reason, when it failed.</summary>
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    /// <summary>A reason safe to show, when it failed.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>A success.</summary>
    /// <param name="result">The result.</param>
    public static RpcResult Success(JsonElement? result) => new() { Ok = true, Result = result };

    /// <summary>A failure.</summary>
    /// <param name="code">The named reason.</param>
    /// <param name="message">The text reason.</param>
    public static RpcResult Failure(string code, string message) => new() { Ok = false, Code = code, Message = message };
}
