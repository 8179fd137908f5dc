using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A subscriber that keeps what it receives, in the order it received it.</summary>
internal sealed class RecordingSubscriber : IChannelSubscriber
{
    private readonly Lock _gate = new();
    private readonly List<Publication> _received = [];
    private readonly List<PresenceEvent> _presence = [];

    public IReadOnlyList<PresenceEvent> Presence
    {
        get
        {
            lock (_gate)
            {
                return [.. _presence];
            }
        }
    }

    public IReadOnlyList<Publication> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public IReadOnlyList<long> Offsets => [.. Received.Select(p => p.Offset)];

    public void OnPublication(Publication publication)
    {
        lock (_gate)
        {
            _received.Add(publication);
        }
    }

    public void OnPresence(PresenceEvent presence)
    {
        lock (_gate)
        {
            _presence.Add(presence);
        }
    }
}
