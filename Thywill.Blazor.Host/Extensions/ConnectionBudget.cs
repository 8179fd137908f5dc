using System.Runtime.InteropServices;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// How many connections the host keeps at once. Every connection is a file descriptor; a process that
/// runs out of them is aborted by the runtime the next time it needs one for itself. At a limit
/// below that, the host closes newcomers instead and keeps serving the clients it has.
/// </summary>
internal static partial class ConnectionBudget
{
    /// <summary>The configuration key: a number, or absent to derive it from the open-file limit.</summary>
    public const string Key = "Host:MaxConnections";

    /// <summary>
    /// Descriptors kept for everything else — the database, log files, static files, the runtime's
    /// own — and for newcomers between being accepted and being closed: a tenth of the limit, at
    /// least 1,024.
    /// </summary>
    public static long ReserveFor(long openFiles) => Math.Max(1_024, openFiles / 10);

    private const int LinuxNoFile = 7;

    /// <summary>The limit for a process allowed <paramref name="openFiles"/> descriptors; none when too few to share.</summary>
    /// <param name="openFiles">The process's open-file limit, when known.</param>
    public static long? FromOpenFileLimit(long? openFiles) =>
        openFiles is { } files && files > 2 * ReserveFor(files) ? files - ReserveFor(files) : null;

    /// <summary>This process's open-file limit (the runtime raises it to the hard limit at start), on Linux.</summary>
    public static long? OpenFileLimit()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(LinuxNoFile, out var limit) != 0)
        {
            return null;
        }

        return limit.Current > long.MaxValue ? null : (long)limit.Current;
    }

    /// <summary>Sets Kestrel's connection limit from configuration or from the open-file limit.</summary>
    /// <param name="builder">The host's builder.</param>
    public static WebApplicationBuilder LimitConnections(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // Read when Kestrel starts, so a bad value fails the host's start like any other option.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var configured = configuration.GetValue<long?>(Key);
            if (configured is <= 0)
            {
                throw new InvalidOperationException($"{Key} is {configured}; it must be a positive number of connections, or absent to follow the open-file limit.");
            }

            if ((configured ?? FromOpenFileLimit(OpenFileLimit())) is not { } limit)
            {
                return;
            }

            // Kestrel's own MaxConcurrentConnections stops counting a connection once it is upgraded
            // to a WebSocket, which is what every circuit is: count every open socket here instead.
            var open = new ConnectionCount();
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
            {
                if (Interlocked.Increment(ref open.Value) > limit)
                {
                    Interlocked.Decrement(ref open.Value);
                    connection.Abort();
                    return;
                }

                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref open.Value);
                }
            }));
        });
        return builder;
    }

    private sealed class ConnectionCount
    {
        public long Value;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
