namespace Thywill.Blazor.Engine;

/// <summary>
/// The subscribers of one channel on this node (the in-memory broker's and the Redis hub's): used only under the channel's
/// lock. Adding appends in place (amortised, no copy), where an immutable array copied the whole list
/// for every subscriber — for the broadcast channel that every client joins, 8 bytes × every client
/// already connected, on every connect. Iterating sees the subscribers as they were when it began:
/// one added or removed meanwhile (a subscriber's own handler may do so on the same thread, the lock
/// being re-entrant) is not seen, or still seen, until the next iteration.
/// </summary>
internal sealed class SubscriberList
{
    private IChannelSubscriber[] _items = [];
    private int _count;
    private int _iterating;

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    public void Add(IChannelSubscriber subscriber)
    {
        if (_count == _items.Length)
        {
            // From one: most channels are a client's own, with one subscriber for their whole life.
            Array.Resize(ref _items, Math.Max(1, _items.Length * 2));
        }

        // Past every running iteration's end: they do not see it.
        _items[_count++] = subscriber;
    }

    /// <summary>Removes the first occurrence of a subscriber.</summary>
    /// <returns>Whether it was there.</returns>
    public bool Remove(IChannelSubscriber subscriber)
    {
        var index = Array.IndexOf(_items, subscriber, 0, _count);
        if (index < 0)
        {
            return false;
        }

        if (_iterating > 0)
        {
            // A running iteration still reads the old array: leave it whole.
            var copy = new IChannelSubscriber[_items.Length];
            Array.Copy(_items, copy, index);
            Array.Copy(_items, index + 1, copy, index, _count - index - 1);
            _items = copy;
        }
        else
        {
            Array.Copy(_items, index + 1, _items, index, _count - index - 1);
            _items[_count - 1] = null!;
        }

        _count--;
        return true;
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Walks the subscribers there were when it began; dispose it (foreach does).</summary>
    internal struct Enumerator : IDisposable
    {
        private readonly SubscriberList _list;
        private readonly IChannelSubscriber[] _items;
        private readonly int _count;
        private int _index;
        private bool _disposed;

        internal Enumerator(SubscriberList list)
        {
            _list = list;
            _items = list._items;
            _count = list._count;
            _index = -1;
            list._iterating++;
        }

        public readonly IChannelSubscriber Current => _items[_index];

        public bool MoveNext() => ++_index < _count;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _list._iterating--;
            }
        }
    }
}
