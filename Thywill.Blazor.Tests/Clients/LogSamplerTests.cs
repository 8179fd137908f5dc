using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Tests.Clients;

public sealed class LogSamplerTests
{
    [Fact]
    public void EachKind_IsToldOncePerInterval_WithItsOwnCount()
    {
        var time = new FakeTimeProvider();
        var sampler = new LogSampler(time);

        // A flood of one kind is told once; a new kind in the same interval is still told.
        var firstNotFound = sampler.Count("not-found");
        var heldBack = Enumerable.Range(0, 5).Select(_ => sampler.Count("not-found")).ToList();
        var firstNoPermission = sampler.Count("no-permission");
        time.Advance(LogSampler.Interval);
        var nextNotFound = sampler.Count("not-found");
        var nextNoPermission = sampler.Count("no-permission");

        Assert.Equal(1, firstNotFound);
        Assert.All(heldBack, count => Assert.Equal(0, count));
        Assert.Equal(1, firstNoPermission);
        Assert.Equal(6, nextNotFound);
        Assert.Equal(1, nextNoPermission);
    }
}
