using System.Globalization;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// The relay rooms the soak's tabs join. A few shared rooms are in use at any time, so that members
/// receive each other's publications; one of them is replaced by a new name every rotation, and some
/// joins take a name nobody has used, so the run goes through many distinct channels: state kept for
/// a channel that is not expired shows as a growing heap.
/// </summary>
internal sealed class SoakChannelPool
{
    private readonly Lock _gate = new();
    private readonly string _prefix;
    private readonly string[] _shared;
    private readonly double _freshShare;
    private readonly TimeSpan _rotation;
    private long _rotatedAt;
    private int _next;
    private int _rotationsSoFar;

    /// <summary>Creates the pool.</summary>
    /// <param name="run">A tag unique to the run, in every name.</param>
    /// <param name="shared">How many shared rooms are in use at a time.</param>
    /// <param name="rotation">How often one shared room is replaced by a new name.</param>
    /// <param name="freshShare">The share of joins that take a name of their own (0–1).</param>
    public SoakChannelPool(string run, int shared, TimeSpan rotation, double freshShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shared);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rotation, TimeSpan.Zero);
        _prefix = "room:soak-" + run + "-";
        _rotation = rotation;
        _freshShare = freshShare;
        _shared = new string[shared];
        for (var i = 0; i < shared; i++)
        {
            _shared[i] = NewName();
        }

        _rotatedAt = Environment.TickCount64;
    }

    /// <summary>How many distinct names the pool has handed out or holds.</summary>
    public int Distinct
    {
        get
        {
            using var scope = _gate.EnterScope();
            return _next;
        }
    }

    /// <summary>
    /// A room for a tab to join: a shared one it has not been in (a tab never joins a name twice,
    /// so a late delivery from an earlier membership cannot be mistaken for the new one's), or a new name.
    /// </summary>
    /// <param name="random">The tab's random source.</param>
    /// <param name="visited">The names the tab has joined before.</param>
    public string Pick(Random random, IReadOnlySet<string> visited)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(visited);
        using var scope = _gate.EnterScope();
        Rotate();
        if (random.NextDouble() >= _freshShare)
        {
            var start = random.Next(_shared.Length);
            for (var i = 0; i < _shared.Length; i++)
            {
                var name = _shared[(start + i) % _shared.Length];
                if (!visited.Contains(name))
                {
                    return name;
                }
            }
        }

        return NewName();
    }

    // Time-based rather than timer-driven: nothing runs when no tab asks.
    private void Rotate()
    {
        var now = Environment.TickCount64;
        while (now - _rotatedAt >= _rotation.TotalMilliseconds)
        {
            _shared[_rotationsSoFar++ % _shared.Length] = NewName();
            _rotatedAt += (long)_rotation.TotalMilliseconds;
        }
    }

    private string NewName() => _prefix + (_next++).ToString(CultureInfo.InvariantCulture);
}
