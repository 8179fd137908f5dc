using Bunit;
using Thywill.Blazor.Apps.EchoRazor;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Apps.EchoRazor;

public sealed class EchoPageTests : BunitContext
{
    private readonly FakeThywillClient _client = new();

    public EchoPageTests()
    {
        // EchoPage uses no JavaScript: any interop call fails the test.
        JSInterop.Mode = JSRuntimeMode.Strict;
    }

    [Fact]
    public void Render_CascadedClient_ShowsItsClientIdAndRegistersOneHandler()
    {
        var cut = RenderEcho();

        Assert.Equal("client-1", cut.Find("#client-id").TextContent);
        Assert.Equal(1, _client.HandlerCount);
    }

    [Fact]
    public void ClickSend_TypedText_SendsItAndClearsTheBox()
    {
        var cut = RenderEcho();

        cut.Find("#echo-input").Input("hello");
        cut.Find("#echo-send").Click();

        Assert.Equal(["hello"], _client.Sent);
        Assert.Equal("", cut.Find("#echo-input").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#echo-error"));
    }

    [Fact]
    public void ClickSend_EmptyBox_SendsNothing()
    {
        var cut = RenderEcho();

        cut.Find("#echo-send").Click();

        Assert.Empty(_client.Sent);
    }

    [Fact]
    public void ClickSend_Refused_ShowsTheCodeAndKeepsTheText()
    {
        _client.Respond = _ => Task.FromResult(SendResult.Refused(ErrorCodes.TooLarge, "The message is 70000 bytes; the limit is 65536 bytes."));
        var cut = RenderEcho();

        cut.Find("#echo-input").Input("far too long");
        cut.Find("#echo-send").Click();

        Assert.StartsWith("too-large: ", cut.Find("#echo-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("far too long", cut.Find("#echo-input").GetAttribute("value"));
    }

    [Fact]
    public void ClickSend_AcceptedAfterARefusal_ClearsTheError()
    {
        _client.Respond = _ => Task.FromResult(SendResult.Refused(ErrorCodes.RateLimited, "Too many messages; slow down."));
        var cut = RenderEcho();
        cut.Find("#echo-input").Input("one");
        cut.Find("#echo-send").Click();

        _client.Respond = _ => Task.FromResult(SendResult.Accepted("message-2"));
        cut.Find("#echo-send").Click();

        Assert.Empty(cut.FindAll("#echo-error"));
    }

    [Fact]
    public async Task ClickSend_WhileTheAnswerIsPending_DisablesSend()
    {
        var answer = new TaskCompletionSource<SendResult>();
        _client.Respond = _ => answer.Task;
        var cut = RenderEcho();
        cut.Find("#echo-input").Input("hello");

        cut.Find("#echo-send").Click();
        Assert.True(cut.Find("#echo-send").HasAttribute("disabled"));

        answer.SetResult(SendResult.Accepted("message-1"));
        await cut.WaitForAssertionAsync(() => Assert.False(cut.Find("#echo-send").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Push_Text_AppearsInOutputInOrder()
    {
        var cut = RenderEcho();

        await PushAsync(cut, "first", "second");

        Assert.Equal(["first", "second"], cut.FindAll("#echo-output li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task Push_MoreThanMaxLines_KeepsTheNewest_AndSaysHowManyWent()
    {
        var cut = RenderEcho();
        Assert.Equal($"Showing the last {EchoPage.MaxLines} echoes.", cut.Find("#echo-bound").TextContent.Trim());

        await PushAsync(cut, Enumerable.Range(1, EchoPage.MaxLines + 5).Select(i => (object)$"echo {i}").ToArray());

        var lines = cut.FindAll("#echo-output li").Select(li => li.TextContent).ToList();
        Assert.Equal(EchoPage.MaxLines, lines.Count);
        Assert.Equal(("echo 6", $"echo {EchoPage.MaxLines + 5}"), (lines[0], lines[^1]));
        Assert.Equal($"Showing the last {EchoPage.MaxLines} echoes; 5 older ones were dropped.", cut.Find("#echo-bound").TextContent.Trim());
    }

    [Fact]
    public async Task Push_Markup_ShownAsTextNotHtml()
    {
        var cut = RenderEcho();

        await PushAsync(cut, "<b>x</b>");

        var line = cut.Find("#echo-output li");
        Assert.Equal("<b>x</b>", line.TextContent);
        Assert.Empty(cut.FindAll("#echo-output b"));
    }

    [Fact]
    public async Task Push_JsonObject_ShownAsItsJsonText()
    {
        var cut = RenderEcho();

        await PushAsync(cut, new { n = 1 });

        Assert.Equal("{\"n\":1}", cut.Find("#echo-output li").TextContent);
    }

    [Fact]
    public async Task Dispose_Rendered_RemovesItsHandler()
    {
        RenderEcho();

        await DisposeComponentsAsync();

        Assert.Equal(0, _client.HandlerCount);
    }

    private IRenderedComponent<EchoPage> RenderEcho() =>
        Render<EchoPage>(parameters => parameters.AddCascadingValue<IThywillClient>(_client));

    // The client root dispatches a batch on the renderer's dispatcher, then re-renders.
    private async Task PushAsync(IRenderedComponent<EchoPage> cut, params object[] messages)
    {
        var offset = 0;
        foreach (var message in messages)
        {
            await cut.InvokeAsync(() => _client.PushAsync(TestPublications.Of(message, ++offset)));
        }

        cut.Render();
    }
}
