using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient;

/// <summary>One simulated client of a server under test: a Thywill page, or a baseline's client.</summary>
public interface ILoadClient : IAsyncDisposable
{
    /// <summary>The client's index in its pool.</summary>
    int Index { get; }

    /// <summary>Whether the client is connected and ready.</summary>
    bool IsConnected { get; }

    /// <summary>Completes with the reason when the client's connection ends.</summary>
    Task<string> Ended { get; }

    /// <summary>Messages delivered to the client (each once).</summary>
    long Received { get; }

    /// <summary>Deliveries of a message already received, dropped.</summary>
    long Repeats { get; }

    /// <summary>Connects and completes the server's bootstrap.</summary>
    /// <param name="cancellationToken">Cancels connecting.</param>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends a message to the server's application and waits for its answer.</summary>
    /// <param name="dataJson">Any JSON value.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<SendOutcome> SendAsync(string dataJson, CancellationToken cancellationToken);
}
