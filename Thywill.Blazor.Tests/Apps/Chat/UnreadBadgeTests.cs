using Bunit;
using Thywill.Blazor.Apps.Chat.Components;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class UnreadBadgeTests : BunitContext
{
    public UnreadBadgeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
    }

    [Fact]
    public void Render_None_ShowsNothing()
    {
        var cut = Render<UnreadBadge>(p => p.Add(x => x.Slug, "tea").Add(x => x.Count, 0));

        Assert.Empty(cut.Markup.Trim());
    }

    [Fact]
    public void Render_Some_ShowsTheCountUnderTheSlugsId()
    {
        var cut = Render<UnreadBadge>(p => p.Add(x => x.Slug, "dm-person-bob").Add(x => x.Count, 3));

        var badge = cut.Find("#chat-unread-dm-person-bob");
        Assert.Equal("3", badge.TextContent);
        Assert.Equal("3", badge.GetAttribute("data-unread"));
    }
}
