namespace Thywill.Blazor.Hosting;

/// <summary>
/// Options of the Data Protection key ring that signs session cookies and resume tokens. Every node
/// that serves the same clients must read the same ring, and the ring must outlive a restart, or
/// every browser loses its session and its tabs' resume tokens.
/// </summary>
internal sealed class KeyOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Keys";

    /// <summary>The application name given to Data Protection: it isolates this ring's purposes from other apps.</summary>
    public const string ApplicationName = "Thywill.Blazor";

    /// <summary>Where the keys are kept; <see langword="null"/> for the engine's default (<see cref="StoreFor"/>).</summary>
    /// <value>
    /// Defaults to <see cref="KeyStore.Redis"/> on the Redis engine — every node that shares the engine
    /// shares the ring with no further setting — and to <see cref="KeyStore.Directory"/> otherwise.
    /// </value>
    public KeyStore? Store { get; set; }

    /// <summary>The store in use: the configured one, else the engine's default.</summary>
    /// <param name="engine">The engine's options.</param>
    public KeyStore StoreFor(EngineOptions engine) =>
        Store ?? (engine.Provider == EngineProvider.Redis ? KeyStore.Redis : KeyStore.Directory);

    /// <summary>
    /// The folder of the key files when <see cref="Store"/> is <see cref="KeyStore.Directory"/>; a
    /// relative path is under the content root.
    /// </summary>
    /// <value>
    /// Defaults to a <c>keys</c> folder beside the SQLite database file (<c>data/keys</c> with the
    /// default connection string), or <c>data/keys</c> under the content root for other providers.
    /// </value>
    public string? Directory { get; set; }
}

/// <summary>Where the key ring is kept.</summary>
internal enum KeyStore
{
    /// <summary>XML files in a folder (one node, or a folder every node shares).</summary>
    Directory,

    /// <summary>In memory only: every restart invalidates all sessions and resume tokens (tests, throwaway hosts).</summary>
    Ephemeral,

    /// <summary>
    /// The <c>DataProtectionKeys</c> table of Thywill's database (<c>Thywill:Database</c>): every node
    /// sharing the database shares the ring, with no folder to share.
    /// </summary>
    Database,

    /// <summary>
    /// The Redis engine's server (<c>Thywill:Engine:Redis</c>), under <c>{Prefix}:keys</c>: every node
    /// sharing the engine shares the ring. Only with the Redis engine; its default there.
    /// </summary>
    Redis,
}
