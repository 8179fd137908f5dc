using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Options handed straight to a type under test, bypassing binding and validation.</summary>
internal sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>Makes <see cref="TestOptionsMonitor{T}"/>s.</summary>
internal static class TestOptionsMonitor
{
    public static TestOptionsMonitor<T> Of<T>(T value) => new(value);
}
