using System.Text.Json;

namespace Thywill.Blazor;

/// <summary>The JSON settings used wherever the framework serialises application data.</summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
