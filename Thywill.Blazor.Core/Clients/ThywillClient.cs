using System.Collections.Immutable;
using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>The Razor client API over one client connection.</summary>
internal sealed class ThywillClient(ClientConnection connection, ClientConfiguration configuration) : IThywillClient
{
    private ImmutableArray<Func<Publication, Task>> _handlers = [];

    public ClientInfo Client => connection.Client;

    public ClientConfiguration Configuration => configuration;

    public Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default)
    {
        var element = data is JsonElement json ? json : JsonSerializer.SerializeToElement(data, JsonDefaults.Web);
        return connection.ReceiveAsync(element, cancellationToken);
    }

    public IDisposable OnMessage(Func<Publication, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Registration(this, handler);
    }

    /// <summary>Runs the handlers over one delivered batch, in order.</summary>
    public async Task DispatchAsync(IReadOnlyList<Publication> batch)
    {
        var handlers = _handlers;
        foreach (var publication in batch)
        {
            foreach (var handler in handlers)
            {
                await handler(publication);
            }
        }
    }

    private sealed class Registration(ThywillClient owner, Func<Publication, Task> handler) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._handlers, static (list, h) => list.Remove(h), handler);
    }
}
