namespace Thywill.Blazor.Bootstrap;

/// <summary>
/// The seed's components, in the order they contribute to a client's bootstrap. The application
/// always comes last, so its resources can rely on everything before them.
/// </summary>
internal enum ThywillComponent
{
    /// <summary>The client interface: identity, the circuit, <c>thywill.js</c>.</summary>
    ClientInterface = 0,

    /// <summary>The log: browser error forwarding.</summary>
    Log = 1,

    /// <summary>Push: delivery through the circuit.</summary>
    Push = 2,

    /// <summary>The database.</summary>
    Database = 3,

    /// <summary>The engine: channels, offsets, history.</summary>
    Engine = 4,

    /// <summary>The application interface and the application itself; always last.</summary>
    Application = 100,
}
