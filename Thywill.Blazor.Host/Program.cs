using Serilog;
using Thywill.Blazor.Host.Extensions;

// Bootstrap logger: catches failures before the host's own logging is configured.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

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
