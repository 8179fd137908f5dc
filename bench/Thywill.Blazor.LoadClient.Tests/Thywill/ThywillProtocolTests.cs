using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Thywill;

public sealed class ThywillProtocolTests
{
    [Fact]
    public void Invoke_Attach_AnswersTheResumeTokenOnlyForItsOwnApplication()
    {
        var page = new ThywillProtocol("echo", 0, sink: null, resumeToken: "token-1");

        var own = page.Invoke(ThywillProtocol.Attach, """[{"__dotNetObject":3},"echo"]""");
        var other = page.Invoke(ThywillProtocol.Attach, """[{"__dotNetObject":3},"chat"]""");

        Assert.Equal("""{"resumeToken":"token-1","positions":{}}""", own.ResultJson);
        Assert.Equal("""{"resumeToken":null,"positions":{}}""", other.ResultJson);
        Assert.Equal(3, page.DotNetObjectId);
    }

    [Fact]
    public async Task Invoke_Ready_CompletesTheBootstrapWithTheClientId()
    {
        var page = new ThywillProtocol("echo", 0, sink: null);

        var answer = page.Invoke(ThywillProtocol.Ready, """["{\"clientId\":\"c1\",\"uuid\":\"c1\"}","token-2"]""");

        Assert.True(answer.Succeeded);
        Assert.Equal("c1", await page.Bootstrapped);
        Assert.Equal("token-2", page.ResumeToken);
    }

    [Fact]
    public void Invoke_Deliver_DropsOffsetsAlreadySeenInTheSameEpoch()
    {
        var sink = new RecordingSink();
        var page = new ThywillProtocol("echo", 4, sink);
        static string Envelope(string channel, string epoch, int offset, string data) =>
            $$"""{"id":"m{{offset}}","channel":"{{channel}}","epoch":"{{epoch}}","offset":{{offset}},"from":null,"data":{{data}},"ts":0}""";

        page.DeliverBatch("[" + Envelope("$client:a", "e1", 1, "\"one\"") + "," + Envelope("$client:a", "e1", 2, "\"two\"") + "]");
        page.DeliverBatch("[" + Envelope("$client:a", "e1", 2, "\"two\"") + "," + Envelope("$broadcast", "e1", 1, "\"all\"") + "]");
        page.DeliverBatch("[" + Envelope("$client:a", "e2", 1, "\"after restart\"") + "]");

        Assert.Equal(["\"one\"", "\"two\"", "\"all\"", "\"after restart\""], sink.For(4));
        Assert.Equal(1, page.Repeats);
        Assert.Equal(4, page.Received);
    }

    [Fact]
    public void DeliverBatch_WithPresenceAndRecoveryEvents_CountsThemAndDeliversOnlyPublications()
    {
        var sink = new RecordingSink();
        var page = new ThywillProtocol("relay", 1, sink);
        const string presence = """{"type":"presence","channel":"room:a","action":"join","member":{"clientId":"c2","userId":null,"info":{"name":"Bo"}}}""";
        const string recovery = """{"type":"recovery","channel":"room:a","recovered":true,"epoch":"e1","fromOffset":1,"delivered":1}""";
        const string publication = """{"id":"m2","channel":"room:a","epoch":"e1","offset":2,"from":"c2","data":"hi","ts":0}""";

        page.DeliverBatch("[" + presence + "," + publication + "," + recovery + "," + presence + "]");

        Assert.Equal(["\"hi\""], sink.For(1));
        Assert.Equal(1, page.Received);
        Assert.Equal(2, page.PresenceEvents);
        Assert.Equal(1, page.RecoveryEvents);
        Assert.Equal(0, page.Repeats);
    }

    [Fact]
    public void ParseChannelResult_ReadsPositionPresenceAndRefusal()
    {
        var joined = ThywillProtocol.ParseChannelResult("""{"ok":true,"id":null,"code":null,"message":null,"channel":"room:a","epoch":"e1","offset":7,"presence":[{"clientId":"c1"},{"clientId":"c2"}]}""");
        var refused = ThywillProtocol.ParseChannelResult("""{"ok":false,"id":null,"code":"not-member","message":"Join first.","channel":"room:b"}""");

        Assert.Equal(new ChannelOutcome(true, "room:a", "e1", 7, null, 2, null, null), joined);
        Assert.Equal(new ChannelOutcome(false, "room:b", null, null, null, null, "not-member", "Join first."), refused);
    }

    [Fact]
    public void Invoke_UnknownFunction_FailsAsTheBrowserWould()
    {
        var page = new ThywillProtocol("echo", 0, null);

        var member = page.Invoke("thywill._later", "[]");
        var global = page.Invoke("chart.draw", "[]");

        Assert.False(member.Succeeded);
        Assert.Equal("The value 'thywill._later' is not a function.", member.ResultJson);
        Assert.Equal("Could not find 'chart.draw' ('chart' was undefined).", global.ResultJson);
    }

    [Fact]
    public void ParseSendResult_ReadsAcceptanceAndRefusal()
    {
        Assert.Equal(new SendOutcome(true, "m1", null, null), ThywillProtocol.ParseSendResult("""{"ok":true,"id":"m1","code":null,"message":null}"""));
        Assert.Equal(new SendOutcome(false, null, "rate-limited", "slow down"), ThywillProtocol.ParseSendResult("""{"ok":false,"code":"rate-limited","message":"slow down"}"""));
    }
}
