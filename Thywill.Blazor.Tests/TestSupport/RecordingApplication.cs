using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>An application that keeps the messages it is handed and answers as the test says.</summary>
internal sealed class RecordingApplication(string id = "test-app") : TestApplication(id)
{
    private readonly List<ClientMessage> _messages = [];

    /// <summary>What the application does with a message; accepts it by default.</summary>
    public Func<ClientMessage, Task> OnMessage { get; set; } = _ => Task.CompletedTask;

    public IReadOnlyList<ClientMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public override Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        return OnMessage(message);
    }
}
