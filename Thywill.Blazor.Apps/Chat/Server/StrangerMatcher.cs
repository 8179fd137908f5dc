using System.Security.Cryptography;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// "Talk to a stranger": tabs that ask wait in line; the next one from another browser is paired
/// with the one who waited longest. A tab is waiting, paired or neither. Thread-safe.
/// </summary>
internal sealed class StrangerMatcher
{
    private readonly Lock _gate = new();
    private readonly List<ClientInfo> _waiting = [];
    private readonly Dictionary<string, StrangerPair> _pairs = new(StringComparer.Ordinal);

    /// <summary>A tab asks for a stranger: it is paired with one who waits, or waits itself.</summary>
    /// <param name="client">The tab.</param>
    /// <returns>The new pair, or <see langword="null"/> when the tab now waits.</returns>
    /// <exception cref="InvalidOperationException">The tab is already waiting or paired.</exception>
    public StrangerPair? Request(ClientInfo client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (_pairs.ContainsKey(client.ClientId) || _waiting.Any(w => w.ClientId == client.ClientId))
            {
                throw new InvalidOperationException("This tab is already waiting for or talking to a stranger.");
            }

            // Never a person with themselves: two tabs of one browser are one person.
            var index = _waiting.FindIndex(w => w.SessionId != client.SessionId);
            if (index < 0)
            {
                _waiting.Add(client);
                return null;
            }

            var partner = _waiting[index];
            _waiting.RemoveAt(index);
            var pair = new StrangerPair(ChatLimits.PairPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), partner, client);
            _pairs[partner.ClientId] = pair;
            _pairs[client.ClientId] = pair;
            return pair;
        }
    }

    /// <summary>Stops a tab waiting.</summary>
    /// <param name="clientId">The tab.</param>
    /// <returns>Whether it was waiting.</returns>
    public bool CancelWaiting(string clientId)
    {
        lock (_gate)
        {
            return _waiting.RemoveAll(w => w.ClientId == clientId) > 0;
        }
    }

    /// <summary>Ends the pairing a tab is in, for both.</summary>
    /// <param name="clientId">Either tab.</param>
    /// <returns>The pair that ended, or <see langword="null"/> when the tab was not paired.</returns>
    public StrangerPair? EndPair(string clientId)
    {
        lock (_gate)
        {
            if (!_pairs.TryGetValue(clientId, out var pair))
            {
                return null;
            }

            _pairs.Remove(pair.First.ClientId);
            _pairs.Remove(pair.Second.ClientId);
            return pair;
        }
    }

    /// <summary>Ends one particular pairing, if it still exists.</summary>
    /// <param name="pair">The pair.</param>
    /// <returns>Whether it was still current.</returns>
    public bool EndPair(StrangerPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        lock (_gate)
        {
            if (!_pairs.TryGetValue(pair.First.ClientId, out var current) || current != pair)
            {
                return false;
            }

            _pairs.Remove(pair.First.ClientId);
            _pairs.Remove(pair.Second.ClientId);
            return true;
        }
    }

    /// <summary>The pairing a tab is in.</summary>
    /// <param name="clientId">The tab.</param>
    public StrangerPair? PairOf(string clientId)
    {
        lock (_gate)
        {
            return _pairs.GetValueOrDefault(clientId);
        }
    }

    /// <summary>Whether a tab is waiting.</summary>
    /// <param name="clientId">The tab.</param>
    public bool IsWaiting(string clientId)
    {
        lock (_gate)
        {
            return _waiting.Any(w => w.ClientId == clientId);
        }
    }
}
