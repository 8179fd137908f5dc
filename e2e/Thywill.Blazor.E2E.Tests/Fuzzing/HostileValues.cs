namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>The deliberate hostile values, by category, as JSON text.</summary>
internal static class HostileValues
{
    /// <summary>Every JSON type, and shapes that trip naive code (prototype keys, empty names).</summary>
    public static readonly string[] WrongTypes =
    [
        JsonText.Null, "true", "false", "0", "-1", "-0", "1.5", "1e308", "-9223372036854775809", "18446744073709551616",
        "\"\"", "\"x\"", "[]", "{}", "[null]", "[[]]", "{\"\":null}",
        "{\"__proto__\":{\"ok\":true}}", "{\"constructor\":{\"prototype\":{\"ok\":true}}}",
    ];

    /// <summary>Depths around the limits of the page's JSON, Blazor's reader (32, 64) and beyond.</summary>
    public static readonly int[] Depths = [31, 32, 33, 63, 64, 65, 500];

    /// <summary>Strings no well-behaved page sends: unpaired surrogates, NUL, controls, bidi overrides, non-characters.</summary>
    public static readonly string[] Unicode =
    [
        "\ud800", "\udfff", "\udc00\ud800", "a\ud83d", "\ud83d\ude00", "\u0000", "\u0000room:fuzz", "room:fuzz\u0000",
        "room:fuzz\n", "room:fuzz\r\nX-Injected: 1", "\u202eroom:fuzz", "room:\u200bfuzz", "\ufeffroom:fuzz", "\uffff", "\ufffe",
        "room\uff1afuzz", "room:fu\u0301zz", "ROOM:FUZZ", "room:fuzz ", " room:fuzz", "room:" + new string('\u0301', 64),
        "\u2028\u2029", "\u001b[31mred", "%00", "room:%2e%2e", "room:../../etc", "room:fuzz\t",
    ];

    /// <summary>Channel names that must be refused: no rule, the framework's own, malformed, too long.</summary>
    public static string[] UnknownChannels(FuzzTargets targets) =>
    [
        "", ":", "nope:fuzz", "nope", "*", "room:*", "$broadcast", "$client:" + targets.AttackerClientId,
        "$client:" + targets.VictimClientId, "$session:" + targets.VictimSessionId, "$user:operator", "$", "room:fuzz$",
        "room:" + new string('a', 124), "room:" + new string('a', 200), "announce:" + new string('x', 500),
        targets.VictimClientId, "room:" + targets.VictimClientId + "/..",
    ];

    /// <summary>RPC names that are no function: case and suffix variants, CLR and JS members, the framework's hooks.</summary>
    public static readonly string[] UnknownFunctions =
    [
        "", " ", "Add", "add ", " add", "addAsync", "AddAsync", "ADD", "add\u0000", "\u0430dd", "toString", "constructor",
        "__proto__", "hasOwnProperty", "GetType", "GetHashCode", "Equals", "MemberwiseClone", "Finalize", "OnMessageAsync",
        "onMessage", "onConnected", "authorizeChannel", "Bind", "Descriptor", "Push", "Channels", new string('a', 10_000),
    ];

    /// <summary>Method names the interop object does not have.</summary>
    public static readonly string[] UnknownMethods =
    [
        "", "send", "SEND", "SendAsync", "JoinAsync", "Dispose", "DisposeAsync", "ToString", "GetType", "ReportErrors",
        "__dotNetObject", "Send\u0000", new string('S', 5_000),
    ];
}
