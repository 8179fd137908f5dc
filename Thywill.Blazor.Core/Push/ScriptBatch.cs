using System.Text.Json.Serialization;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// A batch as the argument of <c>thywill._deliver</c>: a JSON array whose items are the events' own
/// shared UTF-8 JSON, copied into the interop call as they are. So a broadcast is written once, not
/// once per recipient, and it is not wrapped into a JSON string (escaped, then parsed again in the page).
/// </summary>
[JsonConverter(typeof(ScriptBatchConverter))]
internal sealed class ScriptBatch(IReadOnlyList<IClientEvent> events)
{
    public IReadOnlyList<IClientEvent> Events { get; } = events;
}
