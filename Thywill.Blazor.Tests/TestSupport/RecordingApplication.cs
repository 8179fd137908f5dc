using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>An application that keeps the messages it is handed and answers as the test says.</summary>
internal sealed class RecordingApplication(string id = "test-app") : TestApplication(id)
{
    private readonly List<ClientMessage> _messages = [];

    /// <summary>What the application does with a message; accepts it by default.</summary>
    public Func<ClientMessage, Task> OnMessage { get; set; } = _ => Task.CompletedTask;

    /// <summary>The channel authorization hook; the configured rule decides by default.</summary>
    public Func<ChannelAccessRequest, bool> Authorize { get; set; } = request => request.AllowedByRule;

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

    public override ValueTask<bool> AuthorizeChannelAsync(ChannelAccessRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authorize(request));
}
