using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Tests.Channels;

public sealed class ChannelNamesTests
{
    [Theory]
    [InlineData("room:1")]
    [InlineData("a")]
    [InlineData("user@example.com")]
    [InlineData("tag#1_x-y.z")]
    public void IsValid_LettersDigitsAndTheAllowedMarks_True(string name)
    {
        Assert.True(ChannelNames.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("room 1")]
    [InlineData("room:1\n")]
    [InlineData("room:1\r\n")]
    [InlineData("\nroom:1")]
    [InlineData("room/1")]
    [InlineData("räum")]
    [InlineData("room*")]
    [InlineData("$client:client-1")]
    [InlineData("$broadcast")]
    public void IsValid_EmptyReservedOrOtherCharacters_False(string? name)
    {
        Assert.False(ChannelNames.IsValid(name));
    }

    [Fact]
    public void IsValid_AtMaxLengthAndOnePast_TrueThenFalse()
    {
        Assert.True(ChannelNames.IsValid(new string('a', ChannelNames.MaxLength)));
        Assert.False(ChannelNames.IsValid(new string('a', ChannelNames.MaxLength + 1)));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("room:*", true)]
    [InlineData("lobby", true)]
    [InlineData("room:**", false)]
    [InlineData("$client:*", false)]
    [InlineData("", false)]
    public void IsValidPattern_ExactNamePrefixOrCatchAll_Recognised(string pattern, bool valid)
    {
        Assert.Equal(valid, ChannelNames.IsValidPattern(pattern));
    }

    [Theory]
    [InlineData("room:*", "room:1", true)]
    [InlineData("room:*", "room:", true)]
    [InlineData("room:*", "room", false)]
    [InlineData("room:*", "Room:1", false)]
    [InlineData("lobby", "lobby", true)]
    [InlineData("lobby", "lobby2", false)]
    [InlineData("*", "anything", true)]
    public void Matches_ExactOrPrefixOrdinal(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, ChannelNames.Matches(pattern, name));
    }
}
