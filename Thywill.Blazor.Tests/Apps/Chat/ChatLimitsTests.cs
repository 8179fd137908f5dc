using Thywill.Blazor.Apps.Chat;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class ChatLimitsTests
{
    [Theory]
    [InlineData("Ann")]
    [InlineData("a")]
    [InlineData("Zoë van-der Berg")]
    [InlineData("x_y.z")]
    [InlineData("123456789012345678901234")]
    public void TryValidateNickname_Acceptable_Accepts(string nickname) =>
        Assert.True(ChatLimits.TryValidateNickname(nickname, out _));

    [Theory]
    [InlineData(null, "Choose a nickname.")]
    [InlineData("", "Choose a nickname.")]
    [InlineData("   ", "Choose a nickname.")]
    [InlineData("1234567890123456789012345", "A nickname has at most 24 characters.")]
    [InlineData(" Ann", "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space.")]
    [InlineData("Ann ", "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space.")]
    [InlineData("<b>Ann</b>", "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space.")]
    [InlineData("Ann\n", "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space.")]
    public void TryValidateNickname_Unacceptable_SaysWhy(string? nickname, string expected)
    {
        Assert.False(ChatLimits.TryValidateNickname(nickname, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("tea", true)]
    [InlineData("0", true)]
    [InlineData("late-night-2", true)]
    [InlineData("12345678901234567890123456789012", true)]
    [InlineData("123456789012345678901234567890123", false)]
    [InlineData("", false)]
    [InlineData("-tea", false)]
    [InlineData("Tea", false)]
    [InlineData("tea time", false)]
    [InlineData("tea:time", false)]
    [InlineData("tea\n", false)]
    public void TryValidateRoomName_Name_AcceptsOnlyLowerCaseDigitsAndDashes(string name, bool expected) =>
        Assert.Equal(expected, ChatLimits.TryValidateRoomName(name, out _));

    [Theory]
    [InlineData("room:tea", true)]
    [InlineData("room:", false)]
    [InlineData("room:Tea", false)]
    [InlineData("pair:abc", false)]
    [InlineData(null, false)]
    public void IsRoomChannel_Channel_IsARoomWithAValidName(string? channel, bool expected) =>
        Assert.Equal(expected, ChatLimits.IsRoomChannel(channel));

    [Theory]
    [InlineData("  Tea ", "tea")]
    [InlineData("room:tea", "tea")]
    [InlineData("#tea", "tea")]
    [InlineData(null, "")]
    public void NormalizeRoomName_Typed_IsMadeCanonical(string? typed, string expected) =>
        Assert.Equal(expected, ChatLimits.NormalizeRoomName(typed));

    [Fact]
    public void TryValidateText_ExactlyAtTheLimit_Accepts() =>
        Assert.True(ChatLimits.TryValidateText(new string('x', ChatLimits.MaxTextLength), out _));

    [Fact]
    public void TryValidateText_OnePastTheLimit_SaysHowLong()
    {
        Assert.False(ChatLimits.TryValidateText(new string('x', ChatLimits.MaxTextLength + 1), out var error));
        Assert.Equal("A message has at most 1000 characters; this one has 1001.", error);
    }

    [Theory]
    [InlineData("line one\nline two\ttabbed", true)]
    [InlineData("<b>markup is just text</b>", true)]
    [InlineData("", false)]
    [InlineData(" \n ", false)]
    [InlineData("bell\a", false)]
    public void TryValidateText_Text_AcceptsLineBreaksAndTabsButNoOtherControls(string text, bool expected) =>
        Assert.Equal(expected, ChatLimits.TryValidateText(text, out _));
}
