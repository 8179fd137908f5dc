using Serilog;
using Serilog.Events;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Serilog for the host: console and a rolling file, structured properties kept.</summary>
internal static class LoggingExtensions
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static WebApplicationBuilder AddThywillLogging(this WebApplicationBuilder builder)
    {
        var logFolder = builder.Configuration["Logging:Folder"] ?? Path.Combine(builder.Environment.ContentRootPath, "logs");

        // A day's file also rolls when it reaches this size, so a flood of log lines cannot fill the disk
        // with one file: at most retainedFileCountLimit files of this size are kept.
        var fileSizeLimit = builder.Configuration.GetValue<long?>("Logging:FileSizeLimitBytes") ?? 64L * 1024 * 1024;
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: ConsoleTemplate)
            .WriteTo.File(
                Path.Combine(logFolder, "thywill-.log"),
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: fileSizeLimit,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:o} [{Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"),
            // Each host logs through its own pipeline, not the process-wide Log.Logger: several
            // hosts in one process (test fixtures) would otherwise write into whichever host
            // configured Serilog last, and loggers cached per category keep that wrong target.
            preserveStaticLogger: true);
        CachingLoggerFactory.Decorate(builder.Services);
        return builder;
    }
}
