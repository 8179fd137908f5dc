using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Options handed straight to a type under test, bypassing binding and validation.</summary>
internal sealed class TestOptionsMonitor(ThywillOptions value) : IOptionsMonitor<ThywillOptions>
{
    public ThywillOptions CurrentValue { get; } = value;

    /// <summary>Default options changed by <paramref name="configure"/>.</summary>
    public static TestOptionsMonitor With(Action<ThywillOptions>? configure = null)
    {
        var options = new ThywillOptions();
        configure?.Invoke(options);
        return new TestOptionsMonitor(options);
    }

    public ThywillOptions Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<ThywillOptions, string?> listener) => null;
}
