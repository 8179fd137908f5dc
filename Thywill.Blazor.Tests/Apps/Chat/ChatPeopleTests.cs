using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat.Server;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class ChatPeopleTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ChatPeople _people;

    public ChatPeopleTests() => _people = new ChatPeople(_time);

    [Fact]
    public void Connect_TwoTabsOfOneBrowser_AreOnePerson()
    {
        var first = _people.Connect(Tab("tab-1", "s-ann"));
        var second = _people.Connect(Tab("tab-2", "s-ann"));

        Assert.Equal(first.PersonId, second.PersonId);
        Assert.Equal(["tab-1", "tab-2"], second.ClientIds.Order());
    }

    [Fact]
    public void Connect_TwoBrowsers_AreTwoPeopleWithUnrelatedIds()
    {
        var ann = _people.Connect(Tab("tab-1", "s-ann"));
        var bob = _people.Connect(Tab("tab-2", "s-bob"));

        Assert.NotEqual(ann.PersonId, bob.PersonId);
        Assert.DoesNotContain("s-ann", ann.PersonId, StringComparison.Ordinal);
    }

    [Fact]
    public void SetNickname_OneTab_IsThePersonsNicknameInEveryTab()
    {
        var ann = _people.Connect(Tab("tab-1", "s-ann"));
        _people.Connect(Tab("tab-2", "s-ann"));

        _people.SetNickname("s-ann", "Ann");

        Assert.Equal("Ann", _people.FindByPerson(ann.PersonId)!.Nickname);
    }

    [Fact]
    public void FindByPerson_PersonId_FindsThePerson_ButAClientOrSessionIdFindsNobody()
    {
        var ann = _people.Connect(Tab("tab-1", "s-ann"));

        Assert.Equal("s-ann", _people.FindByPerson(ann.PersonId)!.SessionId);
        Assert.Null(_people.FindByPerson("tab-1"));
        Assert.Null(_people.FindByPerson("s-ann"));
        Assert.Null(_people.FindByPerson("nobody"));
    }

    [Fact]
    public void Disconnect_LastTab_KeepsThePersonOffline()
    {
        var tab = Tab("tab-1", "s-ann");
        var ann = _people.Connect(tab);
        _people.SetNickname("s-ann", "Ann");

        _people.Disconnect(tab);

        var after = _people.FindByPerson(ann.PersonId)!;
        Assert.False(after.IsOnline);
        Assert.Equal("Ann", after.Nickname);
    }

    [Fact]
    public void Connect_APersonGoneLongerThanTheRetention_IsForgotten()
    {
        var tab = Tab("tab-1", "s-ann");
        var ann = _people.Connect(tab);
        _people.Disconnect(tab);
        _time.Advance(ChatPeople.Retention + TimeSpan.FromSeconds(1));

        _people.Connect(Tab("tab-2", "s-bob"));

        Assert.Null(_people.FindByPerson(ann.PersonId));
        Assert.Null(_people.FindBySession("s-ann"));
    }

    [Fact]
    public void Connect_APersonGoneJustUnderTheRetention_IsKept()
    {
        var tab = Tab("tab-1", "s-ann");
        var ann = _people.Connect(tab);
        _people.Disconnect(tab);
        _time.Advance(ChatPeople.Retention - TimeSpan.FromSeconds(1));

        _people.Connect(Tab("tab-2", "s-bob"));

        Assert.NotNull(_people.FindByPerson(ann.PersonId));
    }

    private static ClientInfo Tab(string clientId, string sessionId) => new("chat", clientId, sessionId, UserId: null);
}
