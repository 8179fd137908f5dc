using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Logging;

/// <summary>What a browser reports is written as data: it cannot forge or hide log lines.</summary>
public sealed class BrowserLogTests
{
    [Theory]
    [InlineData("boom\n2026-12-03T07:00:00Z [ERR] Thywill: forged", "boom\\u000A2026-12-03T07:00:00Z [ERR] Thywill: forged")]
    [InlineData("a\r\nb", "a\\u000D\\u000Ab")]
    [InlineData("bell\u0007 esc\u001b[31m", "bell\\u0007 esc\\u001B[31m")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("evil\u202Etxt.exe", "evil\\u202Etxt.exe")]
    [InlineData("plain text, ünïcödé and emoji 🎉", "plain text, ünïcödé and emoji 🎉")]
    public void Write_BrowserText_HasItsControlCharactersEscaped(string message, string logged)
    {
        var logger = new RecordingLogger<BrowserLog>();
        var log = new BrowserLog(new SingleLoggerFactory(logger));

        log.Write(new ClientInfo("echo", "client-1", "session-1", null), "circuit-1", new BrowserErrorReport { Kind = "error\n", Message = message, Stack = message });

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(logged, entry.Properties["BrowserMessage"]);
        Assert.Equal(logged, entry.Properties["Stack"]);
        Assert.Equal("error\\u000A", entry.Properties["Kind"]);
        Assert.DoesNotContain('\n', entry.Message);
    }

    [Fact]
    public void Reports_OverTheRateLimit_AreCounted_AndTheCountToldWithTheNextLine()
    {
        var logger = new RecordingLogger<BrowserLog>();
        var time = new FakeTimeProvider();
        var reporter = new BrowserErrorReporter(new BrowserLog(new SingleLoggerFactory(logger)), time);
        var client = new ClientInfo("echo", "client-1", "session-1", null);

        // A page that calls ReportError in a loop: the burst gets through, the rest is counted.
        var logged = Enumerable.Range(0, 30).Count(i => reporter.Report(client, "circuit-1", new BrowserErrorReport { Message = $"loop {i}" }));
        var afterFlood = logger.Entries.Count;
        time.Advance(TimeSpan.FromSeconds(1.0 / BrowserErrorReporter.PerSecond));
        reporter.Report(client, "circuit-1", new BrowserErrorReport { Message = "later" });

        Assert.Equal(BrowserErrorReporter.Burst, logged);
        Assert.Equal(BrowserErrorReporter.Burst, afterFlood);
        var (dropped, later) = (logger.Entries[^2], logger.Entries[^1]);
        Assert.Equal(30L - BrowserErrorReporter.Burst, dropped.Properties["Dropped"]);
        Assert.Equal("later", later.Properties["BrowserMessage"]);
        Assert.Equal(afterFlood + 2, logger.Entries.Count);
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
