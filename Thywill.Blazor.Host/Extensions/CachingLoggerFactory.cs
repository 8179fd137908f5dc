using System.Collections.Concurrent;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Hands out one logger per category, as Microsoft's <see cref="LoggerFactory"/> does. Serilog's
/// factory makes a new logger (with its own enricher and event-id cache, ≈ 0.9 KB) on every
/// <see cref="ILoggerFactory.CreateLogger"/>, and Blazor asks for several per circuit, EF Core for
/// several per context: without the cache each connected client kept ≈ 4 KB of identical loggers.
/// Loggers are thread-safe and depend only on their category, so sharing them changes nothing else.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, factory) => factory.CreateLogger(name), inner);

    // Serilog writes to added providers from inside its pipeline, so loggers made before still reach them.
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> (the last registration wins, as in DI).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        Func<IServiceProvider, ILoggerFactory> create = registered switch
        {
            { ImplementationFactory: { } factory } => sp => (ILoggerFactory)factory(sp),
            { ImplementationInstance: ILoggerFactory instance } => _ => instance,
            _ => sp => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        };
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory(create(sp)));
    }
}
