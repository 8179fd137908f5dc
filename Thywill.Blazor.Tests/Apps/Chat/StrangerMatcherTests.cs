using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat.Server;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class StrangerMatcherTests
{
    private readonly StrangerMatcher _matcher = new();

    [Fact]
    public void Request_NobodyWaiting_Waits()
    {
        var ann = Tab("ann", "s-ann");

        Assert.Null(_matcher.Request(ann));

        Assert.True(_matcher.IsWaiting("ann"));
        Assert.Null(_matcher.PairOf("ann"));
    }

    [Fact]
    public void Request_SomeoneWaiting_PairsBothInANewPairChannel()
    {
        var ann = Tab("ann", "s-ann");
        var bob = Tab("bob", "s-bob");
        _matcher.Request(ann);

        var pair = _matcher.Request(bob);

        Assert.NotNull(pair);
        Assert.StartsWith("pair:", pair.Channel, StringComparison.Ordinal);
        Assert.Equal((ann, bob), (pair.First, pair.Second));
        Assert.Same(pair, _matcher.PairOf("ann"));
        Assert.Same(pair, _matcher.PairOf("bob"));
        Assert.False(_matcher.IsWaiting("ann"));
        Assert.Equal(bob, pair.PartnerOf("ann"));
    }

    [Fact]
    public void Request_OnlyAnotherTabOfTheSameBrowserWaits_WaitsToo()
    {
        _matcher.Request(Tab("tab-1", "s-one"));

        Assert.Null(_matcher.Request(Tab("tab-2", "s-one")));

        Assert.True(_matcher.IsWaiting("tab-1"));
        Assert.True(_matcher.IsWaiting("tab-2"));
    }

    [Fact]
    public void Request_SeveralWaiting_PairsWithTheOneWhoWaitedLongest()
    {
        _matcher.Request(Tab("first", "s-1"));
        _matcher.Request(Tab("second", "s-1"));

        var pair = _matcher.Request(Tab("third", "s-3"));

        Assert.Equal("first", pair!.First.ClientId);
        Assert.True(_matcher.IsWaiting("second"));
    }

    [Fact]
    public void Request_AlreadyWaitingOrPaired_Throws()
    {
        var ann = Tab("ann", "s-ann");
        _matcher.Request(ann);
        Assert.Throws<InvalidOperationException>(() => _matcher.Request(ann));

        _matcher.Request(Tab("bob", "s-bob"));
        Assert.Throws<InvalidOperationException>(() => _matcher.Request(ann));
    }

    [Fact]
    public void EndPair_EitherSide_EndsItForBoth_Once()
    {
        _matcher.Request(Tab("ann", "s-ann"));
        var pair = _matcher.Request(Tab("bob", "s-bob"))!;

        Assert.Same(pair, _matcher.EndPair("bob"));

        Assert.Null(_matcher.PairOf("ann"));
        Assert.Null(_matcher.PairOf("bob"));
        Assert.Null(_matcher.EndPair("ann"));
        Assert.False(_matcher.EndPair(pair));
    }

    [Fact]
    public void EndPair_AnOldPair_LeavesTheNewOneAlone()
    {
        _matcher.Request(Tab("ann", "s-ann"));
        var old = _matcher.Request(Tab("bob", "s-bob"))!;
        _matcher.EndPair("ann");
        _matcher.Request(Tab("ann", "s-ann"));
        var current = _matcher.Request(Tab("bob", "s-bob"))!;

        Assert.False(_matcher.EndPair(old));

        Assert.Same(current, _matcher.PairOf("ann"));
    }

    [Fact]
    public void CancelWaiting_Waiting_StopsWaiting()
    {
        _matcher.Request(Tab("ann", "s-ann"));

        Assert.True(_matcher.CancelWaiting("ann"));

        Assert.False(_matcher.IsWaiting("ann"));
        Assert.False(_matcher.CancelWaiting("ann"));
        Assert.Null(_matcher.Request(Tab("bob", "s-bob")));
    }

    private static ClientInfo Tab(string clientId, string sessionId) => new("chat", clientId, sessionId, UserId: null);
}
