using Serilog;
using Thywill.Blazor.Host.Extensions;
using Thywill.Blazor.Host.Operators;

// `hash-password`: reads a password from standard input and prints the hash that goes into
// Thywill:Operator:Users:N:PasswordHash (docs/security.md). The password never reaches a file.
if (args is ["hash-password"])
{
    var password = Console.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        await Console.Error.WriteLineAsync("hash-password: give the password on standard input (one line).");
        return 2;
    }

    Console.WriteLine(OperatorCredentials.Hash(password));
    return 0;
}

// A plain (not "reloadable") start-up logger: it catches failures before the host's logging is
// configured, and lets several hosts start in one process (test fixtures) without a frozen logger.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddThywillLogging();
    builder.AddThywillHost();

    // The applications this node serves. Add yours here, after a project reference to its library:
    // AddApplication<T>() calls compose (a second AddThywill with the same section adds nothing
    // else), and Thywill:Applications:{id}:Enabled=false turns any of them off.
    builder.Services.AddThywill(builder.Configuration.GetSection("Thywill"))
        .AddExampleApplications();

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
