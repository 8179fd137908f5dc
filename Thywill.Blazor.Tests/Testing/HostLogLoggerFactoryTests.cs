using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.Tests.Testing;

/// <summary>The kit captures a host's log through whatever logger factory the host registered.</summary>
public sealed class HostLogLoggerFactoryTests
{
    private readonly HostLog _log = new();

    [Fact]
    public void Log_DefaultLoggingWithoutProviders_CapturesTheRenderedMessageAndTheExceptionAtTheHostsLevels()
    {
        using var services = Capturing(s => s.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information)));
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Thywill.Sample");

        logger.LogDebug("Not let through");
        logger.LogInformation("Call from {AppId} to {Function}", "calculations", "divide");
        logger.LogError(new DivideByZeroException(), "Call failed");

        var lines = _log.Text.Split('\n');
        Assert.Equal("[INF] Thywill.Sample: Call from calculations to divide", lines[0]);
        Assert.Equal("[ERR] Thywill.Sample: Call failed", lines[1]);
        Assert.StartsWith("System.DivideByZeroException", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Not let through", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_FactoryThatIgnoresAddedProviders_StillCaptured()
    {
        using var services = Capturing(s => s.AddSingleton<ILoggerFactory>(_ => new ProviderIgnoringFactory()));

        services.GetRequiredService<ILoggerFactory>().CreateLogger("Host").LogWarning("Seen");

        Assert.Equal("[WRN] Host: Seen\n", _log.Text);
    }

    [Fact]
    public void Text_PastTheCapacity_KeepsTheNewestEntries()
    {
        for (var i = 0; i < ThywillTestHost.LogCapacity + 2; i++)
        {
            _log.Add($"entry {i}");
        }

        var lines = _log.Text.TrimEnd('\n').Split('\n');
        Assert.Equal(ThywillTestHost.LogCapacity, lines.Length);
        Assert.Equal(("entry 2", $"entry {ThywillTestHost.LogCapacity + 1}"), (lines[0], lines[^1]));
    }

    private ServiceProvider Capturing(Action<IServiceCollection> host)
    {
        var services = new ServiceCollection();
        host(services);
        HostLogLoggerFactory.Decorate(services, _log);
        return services.BuildServiceProvider();
    }

    /// <summary>Like Serilog's factory unless told to write to providers: loggers of its own, added providers dropped.</summary>
    private sealed class ProviderIgnoringFactory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new EnabledLogger();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class EnabledLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
