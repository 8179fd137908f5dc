using static Thywill.Blazor.E2E.Fuzzing.JsonText;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// Hostile answers to the attach call: what a page may put in place of thywill.js's
/// <c>{ resumeToken, positions }</c> — wrong types, nesting, size, broken text, forged and stolen
/// tokens, positions naming other clients' channels — and answers that throw or never come.
/// </summary>
internal static class AttachCorpus
{
    /// <param name="targets">Who is who.</param>
    /// <param name="ownToken">The attacker's own valid resume token.</param>
    /// <param name="stolenToken">The victim's valid resume token, presented from another browser.</param>
    /// <param name="seed">The seed of the random answers.</param>
    /// <param name="randomCount">How many random answers.</param>
    public static IReadOnlyList<AttachCase> Build(FuzzTargets targets, string ownToken, string stolenToken, int seed, int randomCount)
    {
        var own = Of(ownToken);
        string Answer(string token, string positions) => Object(("resumeToken", token), ("positions", positions));
        string Remember(string channel, string memory) => Answer(own, Object((channel, memory)));

        var cases = new List<AttachCase>
        {
            new("wrong-type", "return undefined;"),
            new("throws", "throw new Error('no');"),
            new("throws", "return Promise.reject(new Error('no'));"),
            new("throws", "return { get resumeToken() { throw new Error('no'); } };"),
            new("slow", "return new Promise((resolve) => setTimeout(() => resolve({ resumeToken: null, positions: {} }), 3000));"),
        };

        foreach (var value in HostileValues.WrongTypes)
        {
            cases.Add(AttachCase.Json("wrong-type", value));
            cases.Add(AttachCase.Json("wrong-type", Answer(value, "{}")));
            cases.Add(AttachCase.Json("wrong-type", Answer(own, value), mayResume: true));
            cases.Add(AttachCase.Json("wrong-type", Remember(FuzzTargets.AttackerRoom, value), mayResume: true));
            cases.Add(AttachCase.Json("wrong-type", Remember(FuzzTargets.AttackerRoom, Object(("epoch", value), ("offset", value), ("history", value))), mayResume: true));
        }

        foreach (var depth in new[] { 20, 40, 70, 500 })
        {
            cases.Add(AttachCase.Json("deep", Nested(depth, objects: true)));
            cases.Add(AttachCase.Json("deep", Answer(Nested(depth, false), "{}")));
            cases.Add(AttachCase.Json("deep", Remember(FuzzTargets.AttackerRoom, Nested(depth, true)), mayResume: true));
        }

        cases.Add(AttachCase.Json("huge-string", Answer(Of(new string('x', 60_000)), "{}")));
        cases.Add(AttachCase.Json("huge-string", Remember(new string('r', 30_000), "{\"epoch\":\"e\",\"offset\":1}"), mayResume: true));
        cases.Add(AttachCase.Json("huge-array", Answer(own, Array(Enumerable.Repeat("0", 30_000))), mayResume: true));
        cases.Add(AttachCase.Json("huge-array", Answer(own, Object(Enumerable.Range(0, 3_000).Select(i => ("nope:" + i, "{\"epoch\":\"e\",\"offset\":1}")).ToArray())), mayResume: true));
        cases.Add(AttachCase.Json("huge-array", Answer(own, Object(Enumerable.Range(0, 3_000).Select(i => (FuzzTargets.AttackerRoom + i, "{\"history\":true}")).ToArray())), mayResume: true));

        foreach (var text in HostileValues.Unicode.Select(Of))
        {
            cases.Add(AttachCase.Json("unicode", Answer(text, "{}")));
            cases.Add(AttachCase.Json("unicode", Answer(own, Object((HostileValues.Unicode[0], "{\"epoch\":\"e\",\"offset\":1}"), ("room:x", "null"))), mayResume: true));
            cases.Add(AttachCase.Json("unicode", Remember(FuzzTargets.AttackerRoom, Object(("epoch", text), ("offset", "1"))), mayResume: true));
        }

        foreach (var channel in HostileValues.UnknownChannels(targets).Select(Of))
        {
            cases.Add(AttachCase.Json("unknown-channel", Answer(own, $"{{{channel}:{{\"epoch\":\"e\",\"offset\":0,\"history\":true}}}}"), mayResume: true));
        }

        // Tokens: forged, another client's, another browser's stolen one.
        cases.Add(AttachCase.Json("forged-token", Answer(Of("AAAA"), "{}")));
        cases.Add(AttachCase.Json("forged-token", Answer(Of(ownToken[..^4] + "AAAA"), "{}")));
        cases.Add(AttachCase.Json("forged-token", Answer(Of(ownToken + "x"), "{}")));
        cases.Add(AttachCase.Json("other-client", Answer(Of(targets.VictimClientId), "{}")));
        cases.Add(AttachCase.Json("other-client", Answer(Of(stolenToken), "{}")));
        cases.Add(AttachCase.Json("other-client", Answer(Of(stolenToken), Object(("$client:" + targets.VictimClientId, "{\"epoch\":\"e\",\"offset\":0,\"history\":true}")))));
        cases.Add(AttachCase.Json("other-client", Answer(own, Object(
            ("$client:" + targets.VictimClientId, "{\"epoch\":\"e\",\"offset\":0,\"history\":true}"),
            ("$session:" + targets.VictimSessionId, "{\"epoch\":\"e\",\"offset\":0,\"history\":true}"),
            ("$broadcast", "{\"epoch\":\"e\",\"offset\":-5,\"history\":true}"))), mayResume: true));

        // Positions far from anything the channel has.
        foreach (var offset in new[] { "-1", "-9223372036854775808", "9223372036854775807", "1e300", "1.5" })
        {
            cases.Add(AttachCase.Json("position", Remember(FuzzTargets.AttackerRoom, $"{{\"epoch\":\"e\",\"offset\":{offset}}}"), mayResume: true));
        }

        var random = new RandomJson(seed);
        for (var i = 0; i < randomCount; i++)
        {
            cases.Add(AttachCase.Json("random", random.Value()));
            cases.Add(AttachCase.Json("random", Answer(own, Object((random.String(), random.Value(2)), (FuzzTargets.AttackerRoom, random.Value(2)))), mayResume: true));
        }

        return cases;
    }
}
