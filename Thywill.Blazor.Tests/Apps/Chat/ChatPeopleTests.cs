using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat.Server;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class ChatPeopleTests
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly ChatPeople _people;

    public ChatPeopleTests() => _people = new ChatPeople(_time);

    [Fact]
    public void Connect_TwoTabsOfOneBrowser_AreOnePerson_WithTheSameIdOnAnotherNode()
    {
        var first = _people.Connect(Tab("tab-1", "s-ann"));
        var second = _people.Connect(Tab("tab-2", "s-ann"));
        var elsewhere = new ChatPeople(_time).Connect(Tab("tab-3", "s-ann"));

        Assert.Equal(first.PersonId, second.PersonId);
        Assert.Equal(first.PersonId, elsewhere.PersonId);
        Assert.Equal(ChatPeople.PersonIdOf("s-ann"), first.PersonId);
    }

    [Fact]
    public void Connect_TwoBrowsers_AreTwoPeopleWithUnrelatedIds()
    {
        var ann = _people.Connect(Tab("tab-1", "s-ann"));
        var bob = _people.Connect(Tab("tab-2", "s-bob"));

        Assert.NotEqual(ann.PersonId, bob.PersonId);
        Assert.DoesNotContain("s-ann", ann.PersonId, StringComparison.Ordinal);
        Assert.True(ChatPeople.IsPersonId(ann.PersonId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tab-1")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcdef0")]
    [InlineData("0123456789abcdeg")]
    public void IsPersonId_AnythingButSixteenLowerHexDigits_IsNot(string? candidate) =>
        Assert.False(ChatPeople.IsPersonId(candidate));

    [Fact]
    public void Remember_ARecordsNickname_IsTaken_AndAMissingRecordKeepsTheOneKnown()
    {
        _people.Connect(Tab("tab-1", "s-ann"));

        Assert.Equal("Ann", _people.Remember("s-ann", "Ann").Nickname);
        Assert.Equal("Annie", _people.Remember("s-ann", "Annie").Nickname);
        Assert.Equal("Annie", _people.Remember("s-ann", null).Nickname);
    }

    [Fact]
    public void FindFresh_ACopyReadWithinTheFreshness_IsFound_AndAnOlderOneIsNot()
    {
        _people.Connect(Tab("tab-1", "s-ann"));
        Assert.Null(_people.FindFresh("s-ann", Fresh)); // connected, its record never read

        _people.Remember("s-ann", "Ann");
        _time.Advance(Fresh - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Ann", _people.FindFresh("s-ann", Fresh)?.Nickname);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(_people.FindFresh("s-ann", Fresh));
    }

    [Fact]
    public void Connect_APersonGoneLongerThanTheRetention_IsForgotten_AndOneJustUnderIsKept()
    {
        var ann = Tab("tab-1", "s-ann");
        var bob = Tab("tab-2", "s-bob");
        _people.Connect(ann);
        _people.Disconnect(ann);
        _time.Advance(TimeSpan.FromMinutes(10));
        _people.Connect(bob);
        _people.Disconnect(bob);
        _time.Advance(ChatPeople.Retention - TimeSpan.FromMinutes(5));

        _people.Connect(Tab("tab-3", "s-carol"));

        Assert.Equal(2, _people.Count); // Bob (gone 55 min) and Carol; Ann (65 min) is forgotten
    }

    [Fact]
    public void Remember_PastTheMostRemembered_TheLongestGoneMakesRoom_WhilePeopleWithTabsStay()
    {
        _people.Connect(Tab("tab-here", "s-here"));
        _people.Remember("s-here", "Here");
        for (var i = 0; i < ChatPeople.MaxRemembered + 10; i++)
        {
            _people.Remember($"s-{i}", "someone");
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(ChatPeople.MaxRemembered, _people.Count);
        Assert.Equal("Here", _people.FindFresh("s-here", TimeSpan.FromDays(1))?.Nickname);
        Assert.Null(_people.FindFresh("s-0", TimeSpan.FromDays(1)));
    }

    private static ClientInfo Tab(string clientId, string sessionId) => new("chat", clientId, sessionId, UserId: null);
}
