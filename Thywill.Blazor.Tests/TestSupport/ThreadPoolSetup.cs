using System.Runtime.CompilerServices;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// Raises the thread pool's floor once for the test assembly. bUnit's <c>Click</c> is synchronous
/// and blocks a pool thread until the renderer has run the handler; with xunit's parallel
/// collections on a two-core machine the pool's default floor (one thread per core) then lets a
/// renderer's dispatcher wait behind blocked threads for seconds, and a wait times out without
/// ever being checked (seen on CI).
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
}
