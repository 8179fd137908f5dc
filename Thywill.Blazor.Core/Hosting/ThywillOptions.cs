namespace Thywill.Blazor.Hosting;

/// <summary>
/// The <c>Thywill</c> configuration section: which implementation each component uses and its
/// parameters. Bound from configuration and validated at start-up.
/// </summary>
public sealed class ThywillOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Thywill";

    /// <summary>Client interface: identity, resume tokens, bootstrap.</summary>
    public ClientOptions Clients { get; set; } = new();

    /// <summary>Client → server messages.</summary>
    public MessageOptions Messages { get; set; } = new();

    /// <summary>Server → client push through the circuit.</summary>
    public PushOptions Push { get; set; } = new();

    /// <summary>Remote procedure calls.</summary>
    public Rpc.RpcOptions Rpc { get; set; } = new();

    /// <summary>Channels and presence.</summary>
    public ChannelOptions Channels { get; set; } = new();

    /// <summary>The engine: offsets, history and fan-out.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>The database component.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>
    /// Per-application settings keyed by application id. Every key must name a registered application.
    /// </summary>
    /// <value>Defaults to empty: every registered application is enabled with its own defaults.</value>
    public Dictionary<string, ApplicationOptions> Applications { get; set; } = new(StringComparer.Ordinal);
}
