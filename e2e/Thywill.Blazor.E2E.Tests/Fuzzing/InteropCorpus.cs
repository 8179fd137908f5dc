using Thywill.Blazor.Clients;
using static Thywill.Blazor.E2E.Fuzzing.JsonText;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// The fuzz cases for the six JS-invokable methods (<c>ThywillInterop</c>): every category on purpose,
/// then seeded random arguments. Arguments that are not under test are ones that would be accepted,
/// so that the hostile one is what the server must refuse — and a hostile value let through shows up
/// as a change (a join of <see cref="FuzzTargets.EmptyRoom"/>, a publication in <see cref="FuzzTargets.AttackerRoom"/>).
/// </summary>
internal static class InteropCorpus
{
    private static readonly string[] TooLarge = [ErrorCodes.TooLarge];
    private static readonly string[] NotFound = [ErrorCodes.NotFound];
    private static readonly string[] NotMember = [ErrorCodes.NotMember];
    private static readonly string[] BadChannel = [ErrorCodes.InvalidChannel, ErrorCodes.NotFound, ErrorCodes.NoPermission];
    private static readonly string[] BadOptions = [ErrorCodes.Invalid];

    /// <param name="application">What the application does with valid calls.</param>
    /// <param name="targets">Who is who.</param>
    /// <param name="maxMessageBytes">The host's message limit.</param>
    /// <param name="seed">The seed of the random cases.</param>
    /// <param name="randomPerMethod">How many random cases per method.</param>
    public static IReadOnlyList<FuzzCase> Build(FuzzApplication application, FuzzTargets targets, int maxMessageBytes, int seed, int randomPerMethod)
    {
        var cases = new List<FuzzCase>();
        string[] badArguments = [application.HasFunctions ? ErrorCodes.InvalidArgument : ErrorCodes.NotFound];
        string[] tooLargeInfo = application.HasRooms ? TooLarge : NotFound;
        string[] notMember = application.HasRooms ? NotMember : NotFound;
        var send = application.SendsRefused ? Expect.Refusal : Expect.Answer;
        var room = Of(FuzzTargets.AttackerRoom);
        var readOnly = Of(FuzzTargets.ReadOnlyChannel);
        var empty = Of(FuzzTargets.EmptyRoom);

        void Add(string category, string method, Expect expect, string[]? codes, params string[] args) =>
            cases.Add(FuzzCase.Of(category, method, Array(args), expect, codes));

        // Wrong JSON types, null among them, in every argument.
        foreach (var value in HostileValues.WrongTypes)
        {
            var category = value == Null ? "null" : "wrong-type";
            var isString = value.StartsWith('"');
            var isOptionsShaped = value == Null || value.StartsWith('{');
            Add(category, "Send", send, null, value);
            Add(category, "Join", Expect.Refusal, null, value, Null);
            Add(category, "Leave", Expect.Refusal, null, value);
            Add(category, "Publish", Expect.Refusal, null, value, "1", Null);
            Add(category, "Publish", Expect.Refusal, null, readOnly, value, Null);
            Add(category, "Call", Expect.Refusal, isString ? NotFound : null, value, "[]");
            Add(category, "Call", Expect.Refusal, badArguments, Of("add"), value);
            Add(category, "ReportError", Expect.Answer, null, value);
            if (!isOptionsShaped)
            {
                // null and objects are options; anything else must not join or publish.
                Add(category, "Join", Expect.Refusal, BadOptions, empty, value);
                Add(category, "Publish", Expect.Refusal, BadOptions, room, "1", value);
            }

            Add(category, "Join", Expect.Refusal, BadOptions, empty, Object(("history", value == "true" || value == "false" ? Of(value) : value)));
            Add(category, "Publish", Expect.Refusal, BadOptions, room, "1", Object(("excludeSelf", value == "true" || value == "false" ? Of(value) : value)));
            Add(category, "ReportError", Expect.Answer, null, Object(("kind", value), ("message", value), ("line", value), ("column", value), ("stack", value), ("source", value)));
        }

        // Deep nesting, around the depth limits, as each argument.
        foreach (var depth in HostileValues.Depths)
        {
            foreach (var objects in new[] { false, true })
            {
                var deep = Nested(depth, objects);
                Add("deep", "Send", send, null, deep);
                Add("deep", "Join", Expect.Refusal, null, deep, Null);
                Add("deep", "Join", Expect.Refusal, null, empty, Object(("history", deep)));
                Add("deep", "Leave", Expect.Refusal, null, deep);
                Add("deep", "Publish", Expect.Refusal, null, readOnly, deep, Null);
                Add("deep", "Publish", Expect.Refusal, null, room, "1", Object(("excludeSelf", deep)));
                Add("deep", "Call", Expect.Refusal, null, deep, "[]");
                Add("deep", "Call", Expect.Refusal, badArguments, Of("add"), Array(deep, "1"));
                Add("deep", "ReportError", Expect.Answer, null, Object(("message", deep)));
            }
        }

        // Huge strings and arrays: just over the message limit (but within the hub's frame limit).
        var overLimit = Of(new string('x', maxMessageBytes));
        var overLimitTwoByte = Of(new string('\u00e9', (maxMessageBytes / 2) + 1));
        var overLimitEscaped = Of(new string('\u0001', (maxMessageBytes / 6) + 1));
        var longArray = Array(Enumerable.Repeat("0", (maxMessageBytes / 2) + 1));
        foreach (var huge in new[] { overLimit, overLimitTwoByte, overLimitEscaped, longArray })
        {
            var category = huge == longArray ? "huge-array" : "huge-string";
            Add(category, "Send", Expect.Refusal, TooLarge, huge);
            Add(category, "Publish", Expect.Refusal, TooLarge, room, huge, Null);
            Add(category, "Call", Expect.Refusal, TooLarge, Of("factorize"), Array(huge));
            Add(category, "Call", Expect.Refusal, TooLarge, Of("nope"), Array(huge));
            Add(category, "Join", Expect.Refusal, null, huge, Null);
            Add(category, "Leave", Expect.Refusal, null, huge);
            Add(category, "Publish", Expect.Refusal, null, huge, "1", Null);
            Add(category, "Call", Expect.Refusal, null, huge, "[]");
            Add(category, "ReportError", Expect.Answer, null, Object(("message", huge)));
        }

        Add("huge-string", "Join", Expect.Refusal, tooLargeInfo, empty, Object(("info", Of(new string('x', 4_096)))));
        Add("huge-array", "Join", Expect.Refusal, tooLargeInfo, empty, Object(("info", Array(Enumerable.Repeat("0", 2_048)))));

        // Unicode edge cases, as names and as data.
        foreach (var text in HostileValues.Unicode.Select(Of))
        {
            Add("unicode", "Send", send, null, text);
            Add("unicode", "Join", Expect.Refusal, BadChannel, text, Null);
            Add("unicode", "Leave", Expect.Refusal, null, text);
            Add("unicode", "Publish", Expect.Refusal, null, text, "1", Null);
            Add("unicode", "Publish", Expect.Refusal, null, readOnly, Object((HostileValues.Unicode[0], text)), Null);
            Add("unicode", "Call", Expect.Refusal, NotFound, text, "[]");
            Add("unicode", "Call", Expect.Refusal, [ErrorCodes.InvalidArgument, .. badArguments], Of("factorize"), Array(text));
            Add("unicode", "ReportError", Expect.Answer, null, Object(("kind", text), ("message", text), ("source", text), ("stack", text)));
        }

        // Channels that do not exist, are the framework's own, or are somebody else's.
        foreach (var channel in HostileValues.UnknownChannels(targets).Select(Of))
        {
            Add("unknown-channel", "Join", Expect.Refusal, BadChannel, channel, Null);
            Add("unknown-channel", "Leave", Expect.Refusal, null, channel);
            Add("unknown-channel", "Publish", Expect.Refusal, null, channel, "1", Null);
        }

        foreach (var name in HostileValues.UnknownFunctions.Select(Of))
        {
            Add("unknown-rpc", "Call", Expect.Refusal, NotFound, name, "[]");
            Add("unknown-rpc", "Call", Expect.Refusal, NotFound, name, Array("1", "2"));
        }

        // Other clients' ids and channels.
        var victim = Of(targets.VictimClientId);
        Add("other-client", "Leave", Expect.Refusal, NotMember, Of(FuzzTargets.VictimChannel));
        Add("other-client", "Publish", Expect.Refusal, notMember, Of(FuzzTargets.VictimChannel), "1", Null);
        Add("other-client", "Publish", Expect.Refusal, null, Of("$client:" + targets.VictimClientId), victim, Null);
        Add("other-client", "Send", send, null, Object(("to", victim), ("from", victim), ("clientId", victim), ("sessionId", Of(targets.VictimSessionId))));
        Add("other-client", "Call", Expect.Refusal, badArguments, Of("add"), Array(victim, victim));
        Add("other-client", "Call", Expect.Refusal, null, Of("secret"), Array(Object(("clientId", victim), ("userId", Of("operator")))));
        Add("other-client", "Join", Expect.Refusal, null, empty, Object(("info", Object(("clientId", victim))), ("history", victim)));
        Add("other-client", "ReportError", Expect.Answer, null, Object(("kind", Of("error")), ("message", Of("client " + targets.VictimClientId))));

        // The wrong number of arguments, and methods that do not exist: Blazor's dispatcher turns them away.
        foreach (var (method, arity) in new[] { ("Send", 1), ("Join", 2), ("Leave", 1), ("Publish", 3), ("Call", 2), ("ReportError", 1) })
        {
            foreach (var count in new[] { 0, arity - 1, arity + 1, arity + 5 }.Where(c => c >= 0 && c != arity).Distinct())
            {
                Add("arity", method, Expect.DispatcherRefusal, null, Enumerable.Repeat(Of(FuzzTargets.EmptyRoom), count).ToArray());
            }
        }

        foreach (var method in HostileValues.UnknownMethods)
        {
            Add("unknown-method", method, Expect.DispatcherRefusal, null);
            Add("unknown-method", method, Expect.DispatcherRefusal, null, empty, Null);
        }

        var random = new RandomJson(seed);
        AddRandom(cases, random, send, randomPerMethod);

        // Last, because they change the room: valid publications of hostile data, which the other
        // members receive (not the sender: excludeSelf keeps its own outbox still).
        if (application.HasRooms)
        {
            var excludeSelf = Object(("excludeSelf", "true"));
            var data = HostileValues.Unicode.Select(Of)
                .Concat(HostileValues.Unicode.Select(u => Object((u, Of(u)))))
                .Concat([Nested(20, false), Nested(40, true), Nested(FuzzCase.DispatcherMaxDepth - 1, false), "1e308", "-0", "18446744073709551616", Of(new string('x', maxMessageBytes - 2))])
                .Concat(Enumerable.Range(0, randomPerMethod).Select(_ => random.Value()));
            foreach (var value in data)
            {
                cases.Add(FuzzCase.Of("delivered", "Publish", Array(room, value, excludeSelf), Expect.Accepted));
            }
        }

        return cases;
    }

    // Random values in every argument; with the letters RandomJson uses, none of them names a channel
    // with a rule, so channel operations must all be refused.
    private static void AddRandom(List<FuzzCase> cases, RandomJson random, Expect send, int count)
    {
        string[] functions = ["add", "factorize", "divide", "secret", "nope"];
        for (var i = 0; i < count; i++)
        {
            cases.Add(FuzzCase.Of("random", "Send", Array(random.Value()), send));
            cases.Add(FuzzCase.Of("random", "Join", Array(random.Value(), random.Value()), Expect.Refusal));
            cases.Add(FuzzCase.Of("random", "Leave", Array(random.Value()), Expect.Refusal));
            cases.Add(FuzzCase.Of("random", "Publish", Array(random.Value(), random.Value(), random.Value()), Expect.Refusal));
            cases.Add(FuzzCase.Of("random", "Call", Array(random.Value(), random.Value()), Expect.Refusal));

            // Known functions with random arguments: some bind and run (all are pure), the rest are refused.
            cases.Add(FuzzCase.Of("random", "Call", Array(Of(random.Pick(functions)), Array(Enumerable.Range(0, random.Next(4)).Select(_ => random.Value(2)))), Expect.Answer));
            cases.Add(FuzzCase.Of("random", "ReportError", Array(random.Value()), Expect.Answer));
        }
    }
}
