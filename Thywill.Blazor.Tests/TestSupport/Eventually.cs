namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Waits for what another node or thread does, within a bound.</summary>
internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after 10 s.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What it waits for, for the failure.</param>
    public static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after 10 s.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What it waits for, for the failure.</param>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 10 s: {what}.");
            await Task.Delay(20);
        }
    }
}
