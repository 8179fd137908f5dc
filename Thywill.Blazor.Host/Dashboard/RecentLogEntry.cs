namespace Thywill.Blazor.Host.Dashboard;

/// <summary>One warning or error the node logged.</summary>
/// <param name="At">When.</param>
/// <param name="Level">Its level: <c>Warning</c>, <c>Error</c> or <c>Fatal</c>.</param>
/// <param name="Source">The logging category (<c>SourceContext</c>), or empty.</param>
/// <param name="Message">The rendered message, shortened to <see cref="RecentLog.MaxTextLength"/> characters.</param>
/// <param name="Exception">The exception's type and message, shortened likewise, or <see langword="null"/>.</param>
public sealed record RecentLogEntry(DateTimeOffset At, string Level, string Source, string Message, string? Exception);
