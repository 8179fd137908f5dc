using Bunit;
using Thywill.Blazor.Apps.Chat.Components;
using Thywill.Blazor.Apps.Chat.State;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class MessageListTests : BunitContext
{
    public MessageListTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
    }

    [Fact]
    public void Render_Lines_ShowsNamesAndTextsInOrder_MarkingMine()
    {
        var cut = Render<MessageList>(p => p.Add(x => x.Lines, new[]
        {
            new ChatLine("1", "Bob", "hi", Mine: false, "person-bob"),
            new ChatLine("2", "Me", "hello", Mine: true, "person-me"),
        }));

        Assert.Equal(["Bob", "Me"], cut.FindAll(".chat-from").Select(e => e.TextContent));
        Assert.Equal(["hi", "hello"], cut.FindAll(".chat-text").Select(e => e.TextContent));
        Assert.Equal(["false", "true"], cut.FindAll("li").Select(e => e.GetAttribute("data-mine")));
        Assert.Equal("person-bob", cut.Find("li").GetAttribute("data-person"));
    }

    [Fact]
    public void Render_Markup_IsText()
    {
        var cut = Render<MessageList>(p => p.Add(x => x.Lines, new[]
        {
            new ChatLine("1", "<i>Eve</i>", "<img src=x onerror=alert(1)>", Mine: false),
        }));

        Assert.Equal("<i>Eve</i>", cut.Find(".chat-from").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find(".chat-text").TextContent);
        Assert.Empty(cut.FindAll("img, i"));
    }

    [Fact]
    public void Render_Notice_HasNoAuthor()
    {
        var cut = Render<MessageList>(p => p.Add(x => x.Lines, new[]
        {
            new ChatLine("1", "Chat", "The stranger left.", Mine: false, Notice: true),
        }));

        Assert.Empty(cut.FindAll(".chat-from"));
        Assert.Contains("chat-notice", cut.Find("li").ClassList);
    }
}
