using System.Collections.Immutable;

namespace Thywill.Blazor.Clients;

/// <summary>Handlers registered by a Razor component; added and removed from any thread, run in order.</summary>
internal sealed class HandlerList<T>
{
    private ImmutableArray<Func<T, Task>> _handlers = [];

    /// <summary>Adds a handler; disposing the result removes it.</summary>
    public IDisposable Add(Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Registration(this, handler);
    }

    /// <summary>Runs every handler registered now, one after the other.</summary>
    public async Task RunAsync(T item)
    {
        foreach (var handler in _handlers)
        {
            await handler(item);
        }
    }

    private sealed class Registration(HandlerList<T> list, Func<T, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ImmutableInterlocked.Update(ref list._handlers, static (l, h) => l.Remove(h), handler);
            }
        }
    }
}
