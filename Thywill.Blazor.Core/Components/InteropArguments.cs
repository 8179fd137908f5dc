using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Logging;

namespace Thywill.Blazor.Components;

/// <summary>
/// Reads the arguments of <see cref="ThywillInterop"/>'s methods, which arrive as any JSON a page
/// sends. Typed parameters would let Blazor's dispatcher refuse a wrong JSON type with an exception
/// and an unnamed rejection; read here, a wrong type gets a named error like any other bad input.
/// </summary>
internal static class InteropArguments
{
    /// <summary>Refused join or publish options.</summary>
    public static readonly SendResult InvalidOptions =
        SendResult.Refused(ErrorCodes.Invalid, "The options must be an object: { history: boolean, info } for join, { excludeSelf: boolean } for publish.");

    /// <summary>Refused data: it could be read, but not written again, so not delivered.</summary>
    public static readonly SendResult InvalidData =
        SendResult.Refused(ErrorCodes.Invalid, "The data holds text that is not Unicode (an unpaired surrogate).");

    /// <summary>A refused error report.</summary>
    public static readonly SendResult InvalidReport = SendResult.Refused(ErrorCodes.Invalid, "An error report must be an object.");

    /// <summary>A text argument (a channel or function name); anything else is <see langword="null"/>, which no channel or function is called.</summary>
    public static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // Not UTF-16 text (an unpaired surrogate): no name is spelt so.
            return null;
        }
    }

    /// <summary>
    /// Whether every string and property name in <paramref name="value"/> is Unicode text. JSON may
    /// escape an unpaired surrogate (<c>"\ud800"</c>); System.Text.Json reads such a value but cannot
    /// write it again, so a publication holding one would fail in every recipient's delivery.
    /// </summary>
    public static bool IsText(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return true;
        }

        // Parsed JSON is valid UTF-8, so a surrogate can only be there as an escape, inside a string.
        var json = JsonMarshal.GetRawUtf8Value(value);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || ++i >= json.Length || json[i] != 'u')
            {
                continue;
            }

            if (!TryReadUnit(json, i + 1, out var unit))
            {
                return false;
            }

            i += 4;
            if (char.IsLowSurrogate(unit))
            {
                return false;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (i + 6 >= json.Length || json[i + 1] != '\\' || json[i + 2] != 'u' || !TryReadUnit(json, i + 3, out var low) || !char.IsLowSurrogate(low))
                {
                    return false;
                }

                i += 6;
            }
        }

        return true;
    }

    /// <summary><c>{ history, info }</c>, or null/absent for none; <see langword="false"/> for anything else.</summary>
    public static bool TryJoinOptions(JsonElement value, out ChannelJoinOptions? options)
    {
        options = null;
        if (IsAbsent(value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object || !TryFlag(value, "history", out var history))
        {
            return false;
        }

        // Any JSON value is display info; its size is checked where presence is entered.
        JsonElement? info = TryGet(value, "info", out var i) && !IsAbsent(i) ? i : null;
        if (info is { } shown && !IsText(shown))
        {
            return false;
        }

        options = new ChannelJoinOptions(history, info);
        return true;
    }

    /// <summary><c>{ excludeSelf }</c>, or null/absent for none; <see langword="false"/> for anything else.</summary>
    public static bool TryPublishOptions(JsonElement value, out bool excludeSelf)
    {
        excludeSelf = false;
        return IsAbsent(value) || (value.ValueKind == JsonValueKind.Object && TryFlag(value, "excludeSelf", out excludeSelf));
    }

    /// <summary>An error report: an object whose fields are kept where they have the right type (a report is best effort).</summary>
    public static BrowserErrorReport? Report(JsonElement value) =>
        value.ValueKind != JsonValueKind.Object ? null : new BrowserErrorReport
        {
            Kind = Field(value, "kind"),
            Message = Field(value, "message"),
            Source = Field(value, "source"),
            Line = Number(value, "line"),
            Column = Number(value, "column"),
            Stack = Field(value, "stack"),
        };

    private static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    // Matched as Blazor's own settings would (case-insensitive), so thywill.js's calls read as before.
    private static bool TryGet(JsonElement value, string name, out JsonElement property)
    {
        foreach (var candidate in value.EnumerateObject())
        {
            string candidateName;
            try
            {
                candidateName = candidate.Name;
            }
            catch (InvalidOperationException)
            {
                // A name that is not UTF-16 text (an unpaired surrogate) is none of ours.
                continue;
            }

            if (string.Equals(candidateName, name, StringComparison.OrdinalIgnoreCase))
            {
                property = candidate.Value;
                return true;
            }
        }

        property = default;
        return false;
    }

    // An absent flag is false; a present one must be a boolean.
    private static bool TryFlag(JsonElement value, string name, out bool flag)
    {
        flag = false;
        if (!TryGet(value, name, out var property))
        {
            return true;
        }

        if (property.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        flag = property.GetBoolean();
        return true;
    }

    private static bool TryReadUnit(ReadOnlySpan<byte> json, int start, out char unit)
    {
        unit = default;
        if (start + 4 > json.Length || !ushort.TryParse(json.Slice(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }

    private static string? Field(JsonElement value, string name) => TryGet(value, name, out var p) ? Text(p) : null;

    private static int? Number(JsonElement value, string name) =>
        TryGet(value, name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : null;
}
