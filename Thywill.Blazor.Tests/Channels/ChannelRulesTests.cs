using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

public sealed class ChannelRulesTests
{
    private const string App = "app-a";

    [Theory]
    [InlineData("room:*", "room:lobby")]
    [InlineData("room:lobby", "room:*")]
    public void Find_ExactNameAndPrefixBothMatch_ExactWinsWhateverTheOrder(string first, string second)
    {
        var rules = Rules(Rule(first), Rule(second));

        var rule = rules.Find(new ChannelKey(App, "room:lobby"));

        Assert.Equal("room:lobby", rule?.Pattern);
    }

    [Theory]
    [InlineData("room:*", "room:vip:*")]
    [InlineData("room:vip:*", "room:*")]
    public void Find_TwoPrefixesMatch_LongestWinsWhateverTheOrder(string first, string second)
    {
        var rules = Rules(Rule(first), Rule(second));

        var vip = rules.Find(new ChannelKey(App, "room:vip:1"));
        var plain = rules.Find(new ChannelKey(App, "room:1"));

        Assert.Equal("room:vip:*", vip?.Pattern);
        Assert.Equal("room:*", plain?.Pattern);
    }

    [Fact]
    public void Find_CatchAllAndPrefix_PrefixWins()
    {
        var rules = Rules(Rule("*"), Rule("room:*"));

        Assert.Equal("room:*", rules.Find(new ChannelKey(App, "room:1"))?.Pattern);
        Assert.Equal("*", rules.Find(new ChannelKey(App, "lobby"))?.Pattern);
    }

    [Theory]
    [InlineData("lobby")]
    [InlineData("room")]
    [InlineData("roo")]
    [InlineData("Room:1")]
    [InlineData("lobby:room:1")]
    public void Find_NoPatternMatches_Null(string channel)
    {
        var rules = Rules(Rule("room:*"), Rule("room:lobby"));

        Assert.Null(rules.Find(new ChannelKey(App, channel)));
    }

    [Fact]
    public void Find_ApplicationWithoutSettings_Null()
    {
        var rules = Rules(Rule("room:*"));

        Assert.Null(rules.Find(new ChannelKey("app-b", "room:1")));
    }

    [Fact]
    public void Find_SameChannelNameInTwoApplications_EachGetsItsOwnRule()
    {
        var rules = TestOptions.With(o =>
        {
            o.Applications[App] = new ApplicationOptions { Channels = [Rule("room:*", join: true)] };
            o.Applications["app-b"] = new ApplicationOptions { Channels = [Rule("room:*", join: false)] };
        }).Rules();

        Assert.True(rules.Find(new ChannelKey(App, "room:1"))?.Join);
        Assert.False(rules.Find(new ChannelKey("app-b", "room:1"))?.Join);
    }

    [Theory]
    [InlineData("$client:client-1")]
    [InlineData("$session:session-1")]
    [InlineData("$user:user-1")]
    [InlineData("$broadcast")]
    public void Find_FrameworkChannel_FixedRuleNoConfiguredPatternChanges(string channel)
    {
        var catchAll = new ChannelRuleOptions { Pattern = "*", Join = true, Publish = true, Presence = true, Archive = true, HistorySize = 3 };
        var rules = Rules(o => (o.Engine.HistorySize, o.Engine.HistoryAge, o.Engine.HistoryMaxBytes) = (42, TimeSpan.FromSeconds(42), 4242), catchAll);

        var rule = rules.Find(new ChannelKey(App, channel));

        Assert.Equal(new ChannelRule(channel, Join: false, Publish: false, Presence: false, 42, TimeSpan.FromSeconds(42), Archive: false, HistoryMaxBytes: 4242), rule);
    }

    [Fact]
    public void Find_RuleWithoutHistorySettings_TakesTheEngineDefaults()
    {
        var rules = Rules(o => (o.Engine.HistorySize, o.Engine.HistoryAge, o.Engine.HistoryMaxBytes) = (42, TimeSpan.FromSeconds(42), 4242), Rule("room:*"));

        var rule = rules.Find(new ChannelKey(App, "room:1"));

        Assert.Equal((42, TimeSpan.FromSeconds(42), 4242L), (rule?.HistorySize, rule?.HistoryAge, rule?.HistoryMaxBytes));
    }

    [Fact]
    public void Find_RuleWithItsOwnSettings_CarriesThemAll()
    {
        var configured = new ChannelRuleOptions
        {
            Pattern = "room:*",
            Join = true,
            Publish = true,
            Presence = true,
            HistorySize = 7,
            HistoryAge = TimeSpan.FromHours(1),
            HistoryMaxBytes = 7_000,
            Archive = true,
        };
        var rules = Rules(configured);

        var rule = rules.Find(new ChannelKey(App, "room:1"));

        Assert.Equal(new ChannelRule("room:*", Join: true, Publish: true, Presence: true, 7, TimeSpan.FromHours(1), Archive: true, HistoryMaxBytes: 7_000), rule);
    }

    [Fact]
    public void ForServer_NoPatternMatches_ServerRuleWithTheEngineDefaultsAndNoBrowserAccess()
    {
        var rules = Rules(o => (o.Engine.HistorySize, o.Engine.HistoryAge, o.Engine.HistoryMaxBytes) = (42, TimeSpan.FromSeconds(42), 4242), Rule("room:*"));

        var rule = rules.ForServer(new ChannelKey(App, "lobby"));

        Assert.Equal(new ChannelRule("(server)", Join: false, Publish: false, Presence: false, 42, TimeSpan.FromSeconds(42), Archive: false, HistoryMaxBytes: 4242), rule);
    }

    [Fact]
    public void ForServer_PatternMatches_TheConfiguredRule()
    {
        var rules = Rules(Rule("room:*", join: true));

        Assert.Equal(rules.Find(new ChannelKey(App, "room:1")), rules.ForServer(new ChannelKey(App, "room:1")));
    }

    [Fact]
    public void RulesOf_GivesTheApplicationsRulesInOrder_DefaultsFilledIn_AndNoneForAnother()
    {
        var rules = Rules(o => (o.Engine.HistorySize, o.Engine.HistoryAge, o.Engine.HistoryMaxBytes) = (42, TimeSpan.FromSeconds(42), 4242),
            Rule("room:*"), new ChannelRuleOptions { Pattern = "lobby", Presence = true, HistorySize = 7 });

        var inForce = rules.RulesOf(App);

        Assert.Equal(["room:*", "lobby"], inForce.Select(r => r.Pattern));
        Assert.Equal((42, TimeSpan.FromSeconds(42), 4242L, true), (inForce[0].HistorySize, inForce[0].HistoryAge, inForce[0].HistoryMaxBytes, inForce[0].Join));
        Assert.Equal((7, true, false), (inForce[1].HistorySize, inForce[1].Presence, inForce[1].Join));
        Assert.Equal(inForce[1], rules.Find(new ChannelKey(App, "lobby")));
        Assert.Empty(rules.RulesOf("app-b"));
    }

    [Fact]
    public void Find_DeclaredInCode_TheDeclaredRuleWithTheEngineDefaultsFilledIn()
    {
        var rules = Declared(configured: [], new ChannelDeclaration("poll:*") { Join = true, Presence = true, Archive = true });

        var rule = rules.Find(new ChannelKey(App, "poll:1"));

        Assert.Equal(new ChannelRule("poll:*", Join: true, Publish: false, Presence: true, HistorySize: 42, TimeSpan.FromSeconds(42), Archive: true, 4242), rule);
        Assert.Null(rules.Find(new ChannelKey(App, "room:1")));
    }

    [Fact]
    public void Find_ConfigurationOfTheSamePattern_OverridesOnlyTheSettingsItGives()
    {
        var rules = Declared(
            configured: [new ChannelRuleOptions { Pattern = "poll:*", HistorySize = 10, Archive = false }],
            new ChannelDeclaration("poll:*") { Join = true, Presence = true, HistorySize = 500, HistoryAge = TimeSpan.FromDays(1), Archive = true });

        var rule = rules.Find(new ChannelKey(App, "poll:1"));

        Assert.Equal(new ChannelRule("poll:*", Join: true, Publish: false, Presence: true, HistorySize: 10, TimeSpan.FromDays(1), Archive: false, 4242), rule);
    }

    [Fact]
    public void RulesOf_DeclaredAndConfigured_DeclaredFirstThenThePatternsOnlyConfigurationHas_EachOnce()
    {
        var rules = Declared(
            configured: [new ChannelRuleOptions { Pattern = "room:*", Publish = true }, new ChannelRuleOptions { Pattern = "poll:vip:*", Join = true }],
            new ChannelDeclaration("poll:*") { Join = true },
            new ChannelDeclaration("room:*") { Join = true });

        var inForce = rules.RulesOf(App);

        Assert.Equal(["poll:*", "room:*", "poll:vip:*"], inForce.Select(r => r.Pattern));
        Assert.Equal((true, true), (inForce[1].Join, inForce[1].Publish));
        Assert.Equal("poll:vip:*", rules.Find(new ChannelKey(App, "poll:vip:1"))?.Pattern);
    }

    [Fact]
    public void Find_DeclarationsSetAfterALookup_AreInForceAtOnce()
    {
        var declared = new DeclaredChannels();
        var rules = TestOptions.With(_ => { }).Rules(declared);
        Assert.Null(rules.Find(new ChannelKey(App, "poll:1")));

        declared.Set([KeyValuePair.Create<string, IReadOnlyList<ChannelDeclaration>>(App, [new ChannelDeclaration("poll:*") { Join = true }])]);

        Assert.Equal("poll:*", rules.Find(new ChannelKey(App, "poll:1"))?.Pattern);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$client:*")]
    [InlineData("room:*:x")]
    [InlineData("has space")]
    public void ChannelDeclaration_InvalidPattern_IsRefusedNamingIt(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => new ChannelDeclaration(pattern));

        Assert.Contains($"'{pattern}' is not a valid channel pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelDeclaration_SettingsOutOfRange_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelDeclaration("a") { HistorySize = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelDeclaration("a") { HistoryAge = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelDeclaration("a") { HistoryMaxBytes = (1L << 32) + 1 });
    }

    [Fact]
    public void Descriptor_TheSamePatternDeclaredTwice_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Thywill.Blazor.Applications.ApplicationDescriptor("app", "App")
        {
            Channels = [new ChannelDeclaration("room:*"), new ChannelDeclaration("room:*") { Join = true }],
        });

        Assert.Contains("'room:*' is declared twice", error.Message, StringComparison.Ordinal);
    }

    private static ChannelRules Declared(ChannelRuleOptions[] configured, params ChannelDeclaration[] declarations)
    {
        var declared = new DeclaredChannels();
        declared.Set([KeyValuePair.Create<string, IReadOnlyList<ChannelDeclaration>>(App, declarations)]);
        return TestOptions.With(o =>
        {
            (o.Engine.HistorySize, o.Engine.HistoryAge, o.Engine.HistoryMaxBytes) = (42, TimeSpan.FromSeconds(42), 4242);
            o.Applications[App] = new ApplicationOptions { Channels = [.. configured] };
        }).Rules(declared);
    }

    private static ChannelRuleOptions Rule(string pattern, bool join = true) => new() { Pattern = pattern, Join = join };

    private static ChannelRules Rules(params ChannelRuleOptions[] channels) => Rules(configure: null, channels);

    private static ChannelRules Rules(Action<TestOptions>? configure, params ChannelRuleOptions[] channels) =>
        TestOptions.With(o =>
        {
            o.Applications[App] = new ApplicationOptions { Channels = [.. channels] };
            configure?.Invoke(o);
        }).Rules();
}
