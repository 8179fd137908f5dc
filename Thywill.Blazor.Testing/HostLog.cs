namespace Thywill.Blazor.Testing;

/// <summary>
/// What a test host logged, newest last, in memory: the last <see cref="ThywillTestHost.LogCapacity"/>
/// entries, so a long-running fixture cannot grow it without bound.
/// </summary>
internal sealed class HostLog
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _entries = new();

    public void Add(string entry)
    {
        lock (_gate)
        {
            if (_entries.Count == ThywillTestHost.LogCapacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    /// <summary>The entries kept, one per line (an exception's text follows its message).</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                var text = new System.Text.StringBuilder();
                foreach (var entry in _entries)
                {
                    text.Append(entry).Append('\n');
                }

                return text.ToString();
            }
        }
    }
}
