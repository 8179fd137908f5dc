using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Thywill.Blazor.Testing;

/// <summary>
/// The host's own <see cref="ILoggerFactory"/>, whose loggers also write to a <see cref="HostLogProvider"/>
/// whenever the host's logger is enabled. Needed for a factory that ignores added providers (Serilog's,
/// unless told to write to them); the default factory is given the provider instead and applies its
/// filters to it. Either way what is captured is what the host's own configuration lets through (its
/// <c>Logging:LogLevel</c> or Serilog minimum levels).
/// </summary>
internal sealed class HostLogLoggerFactory(ILoggerFactory inner, HostLogProvider capture) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new TeeLogger(inner.CreateLogger(name), capture.CreateLogger(name)));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the last registered <see cref="ILoggerFactory"/> (the one DI resolves).</summary>
    public static void Decorate(IServiceCollection services, HostLog log)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("The host registers no ILoggerFactory to capture logs from.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp =>
        {
            var inner = Resolve(sp, registered);
            var capture = new HostLogProvider(log);
            if (inner is LoggerFactory)
            {
                inner.AddProvider(capture);
                return inner;
            }

            return new HostLogLoggerFactory(inner, capture);
        });
    }

    private static ILoggerFactory Resolve(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        { ImplementationFactory: { } factory } => (ILoggerFactory)factory(services),
        { ImplementationInstance: ILoggerFactory instance } => instance,
        _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(services, registered.ImplementationType!),
    };

    private sealed class TeeLogger(ILogger host, ILogger capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => host.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => host.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!host.IsEnabled(logLevel))
            {
                return;
            }

            host.Log(logLevel, eventId, state, exception, formatter);
            capture.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
