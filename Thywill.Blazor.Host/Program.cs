using Serilog;
using Thywill.Blazor.Host.Extensions;

// A plain (not "reloadable") start-up logger: it catches failures before the host's logging is
// configured, and lets several hosts start in one process (test fixtures) without a frozen logger.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddThywillLogging();
    builder.AddThywillHost();

    var app = builder.Build();
    app.UseThywillHost();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The Thywill host failed to start");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The host's entry point, visible to test fixtures (WebApplicationFactory).</summary>
public partial class Program;
