using System.Collections.Frozen;

namespace Thywill.Blazor.Channels;

/// <summary>
/// The channel rules applications declare in code (<see cref="Applications.ApplicationDescriptor.Channels"/>),
/// by application. Filled once by the application catalog when the host starts; <see cref="ChannelRules"/>
/// reads them under the configuration's. A holder of its own, because the catalog needs the server
/// (and so, through it, the channel rules) to be built.
/// </summary>
internal sealed class DeclaredChannels
{
    private FrozenDictionary<string, IReadOnlyList<ChannelDeclaration>> _byApplication = FrozenDictionary<string, IReadOnlyList<ChannelDeclaration>>.Empty;

    /// <summary>The declarations of one application; empty when it declares none.</summary>
    /// <param name="applicationId">The application.</param>
    public IReadOnlyList<ChannelDeclaration> Of(string applicationId) =>
        _byApplication.TryGetValue(applicationId, out var declared) ? declared : [];

    /// <summary>Sets every application's declarations (the catalog, once).</summary>
    /// <param name="byApplication">Declarations by application id.</param>
    public void Set(IEnumerable<KeyValuePair<string, IReadOnlyList<ChannelDeclaration>>> byApplication)
    {
        _byApplication = byApplication.ToFrozenDictionary(StringComparer.Ordinal);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Counts the calls of <see cref="Set"/>, so that rules resolved before one are not kept.</summary>
    public int Generation => Volatile.Read(ref _generation);

    private int _generation;
}
