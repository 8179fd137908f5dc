using Serilog.Events;
using Serilog.Parsing;
using Thywill.Blazor.Host.Dashboard;

namespace Thywill.Blazor.Tests.Dashboard;

public sealed class RecentLogTests
{
    private readonly RecentLog _log = new();

    [Fact]
    public void Warnings_AreKept_NewestFirst_InformationIsNot()
    {
        _log.Emit(Event(LogEventLevel.Information, "fine"));
        _log.Emit(Event(LogEventLevel.Warning, "first"));
        _log.Emit(Event(LogEventLevel.Error, "second", new InvalidOperationException("broke")));

        Assert.Equal(["second", "first"], _log.Entries.Select(e => e.Message));
        Assert.Equal("Error", _log.Entries[0].Level);
        Assert.Equal("InvalidOperationException: broke", _log.Entries[0].Exception);
        Assert.Equal("Thywill.Test", _log.Entries[0].Source);
        Assert.Equal(2, _log.Total);
    }

    [Fact]
    public void AFlood_KeepsTheNewestCapacity_EachShortened()
    {
        var added = 0;
        _log.Added += () => added++;

        for (var i = 0; i < RecentLog.Capacity + 50; i++)
        {
            _log.Emit(Event(LogEventLevel.Warning, i + new string('x', RecentLog.MaxTextLength * 3)));
        }

        Assert.Equal(RecentLog.Capacity, _log.Entries.Count);
        Assert.StartsWith((RecentLog.Capacity + 49).ToString(System.Globalization.CultureInfo.InvariantCulture), _log.Entries[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("50", _log.Entries[^1].Message, StringComparison.Ordinal);
        Assert.All(_log.Entries, e => Assert.Equal(RecentLog.MaxTextLength + 1, e.Message.Length));
        Assert.Equal(RecentLog.Capacity + 50, _log.Total);
        Assert.Equal(RecentLog.Capacity + 50, added);
    }

    private static LogEvent Event(LogEventLevel level, string text, Exception? exception = null) =>
        new(DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse(text.Replace("{", "{{", StringComparison.Ordinal)),
            [new LogEventProperty("SourceContext", new ScalarValue("Thywill.Test"))]);
}
