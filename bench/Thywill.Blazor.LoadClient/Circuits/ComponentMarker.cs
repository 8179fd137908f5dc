using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>
/// An interactive-server root component announced by a statically rendered page, as the comment
/// <c>&lt;!--Blazor:{"type":"server","sequence":0,"descriptor":"…"}--&gt;</c>. blazor.web.js finds these
/// comments, and after starting the circuit asks the server to add each one; so does the load client.
/// </summary>
/// <param name="Marker">The marker's JSON object, kept whole: the server checks what it signed.</param>
/// <param name="Sequence">Its place among the page's server components.</param>
public sealed partial record ComponentMarker(JsonObject Marker, int Sequence)
{
    /// <summary>Finds the server component markers of a page, in sequence order.</summary>
    /// <param name="html">The page.</param>
    /// <returns>The markers; empty when the page has none.</returns>
    /// <exception cref="FormatException">A marker is not the JSON blazor.web.js expects.</exception>
    public static IReadOnlyList<ComponentMarker> FindServerMarkers(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var markers = new List<ComponentMarker>();
        foreach (Match match in MarkerComment().Matches(html))
        {
            var json = match.Groups["descriptor"].Value;
            if (JsonNode.Parse(json) is not JsonObject marker)
            {
                throw new FormatException($"The component marker is not a JSON object: {json}");
            }

            if ((string?)marker["type"] != "server")
            {
                continue;
            }

            // Blazor's own checks on a server marker: a descriptor and an integral sequence.
            if (marker["descriptor"] is null || marker["sequence"] is not JsonValue sequence || !sequence.TryGetValue<int>(out var order))
            {
                throw new FormatException($"The server component marker lacks its descriptor or sequence: {json}");
            }

            markers.Add(new ComponentMarker(marker, order));
        }

        markers.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return markers;
    }

    /// <summary>The persisted component state comment of a prerendered page, or <see langword="null"/>.</summary>
    /// <param name="html">The page.</param>
    public static string? FindServerState(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = StateComment().Match(html);
        return match.Success ? match.Groups["state"].Value : null;
    }

    /// <summary>
    /// The <c>marker</c> of an <c>add</c> operation: the parsed comment plus the unique id blazor.web.js
    /// gives every descriptor it discovers.
    /// </summary>
    /// <param name="uniqueId">The descriptor's id on this page.</param>
    public JsonObject ToOperationMarker(int uniqueId)
    {
        var copy = (JsonObject)Marker.DeepClone();
        copy["uniqueId"] = uniqueId;
        return copy;
    }

    [GeneratedRegex(@"<!--\s*Blazor:[^{]*(?<descriptor>\{.*?\})\s*-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\s*-->", RegexOptions.CultureInvariant)]
    private static partial Regex StateComment();
}
