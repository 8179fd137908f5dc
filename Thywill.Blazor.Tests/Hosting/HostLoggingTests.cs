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

    [Fact]
    public async Task LogFile_OverItsSizeLimit_RollsToANewFile()
    {
        await using var factory = new ThywillHostFactory(("Logging:FileSizeLimitBytes", "4096"));
        using var client = factory.CreateClient();
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Thywill.Test.Roll");

        for (var i = 0; i < 100; i++)
        {
            logger.LogWarning("{Line} {Padding}", i, new string('x', 100));
        }

        var files = Directory.GetFiles(factory.LogFolder, "*.log");
        Assert.True(files.Length >= 2, $"{files.Length} log file(s): a 4 KB limit must roll about 13 KB of lines.");

        // A file rolls once an event takes it past the limit: no file holds more than the limit and
        // one line (well under a kilobyte here), and no line is lost on the way.
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 4096 + 1024));
        var text = string.Concat(files.Select(File.ReadAllText));
        Assert.All(Enumerable.Range(0, 100), i => Assert.Contains($"{i} {new string('x', 100)}", text, StringComparison.Ordinal));
    }
}
