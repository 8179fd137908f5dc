using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Host.Extensions;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>The host's logger factory shares one logger per category and still writes through Serilog.</summary>
[Collection(HostCollection.Name)]
public sealed class HostLoggingTests
{
    [Fact]
    public async Task CreateLogger_SameCategoryTwice_ReturnsTheSameLogger()
    {
        await using var factory = new ThywillHostFactory();
        using var client = factory.CreateClient();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(loggers);
        Assert.Same(loggers.CreateLogger("Thywill.Test.Category"), loggers.CreateLogger("Thywill.Test.Category"));
        Assert.NotSame(loggers.CreateLogger("Thywill.Test.Category"), loggers.CreateLogger("Thywill.Test.Other"));
        Assert.Same(factory.Services.GetRequiredService<ILogger<HostLoggingTests>>(), factory.Services.GetRequiredService<ILogger<HostLoggingTests>>());
    }

    [Fact]
    public async Task CreateLogger_CachedLogger_WritesToTheHostsLogFile()
    {
        await using var factory = new ThywillHostFactory();
        using var client = factory.CreateClient();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
        var marker = "cached-logger-" + Guid.NewGuid().ToString("N");

        loggers.CreateLogger("Thywill.Test.Category").LogWarning("{Marker}", marker);
        loggers.CreateLogger("Thywill.Test.Category").LogWarning("{Marker} again", marker);

        var log = factory.ReadLog();
        Assert.Contains(marker, log, StringComparison.Ordinal);
        Assert.Contains(marker + " again", log, StringComparison.Ordinal);
        Assert.Contains("Thywill.Test.Category", log, StringComparison.Ordinal);
    }
}
