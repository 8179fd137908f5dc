using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Hosting;

/// <summary>Per-application settings from configuration.</summary>
internal sealed class ApplicationOptions
{
    /// <summary>Whether the application is served.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The name of a configuration-only application: set it (with <see cref="Resources"/> and
    /// <see cref="Channels"/>) to serve a JavaScript application that has no server code at all.
    /// Leave it unset for an application registered in code.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Name { get; set; }

    /// <summary>One line saying what a configuration-only application does.</summary>
    /// <value>Defaults to empty.</value>
    public string Description { get; set; } = "";

    /// <summary>
    /// Scripts (<c>.js</c>) and style sheets (<c>.css</c>) of a configuration-only application, in
    /// load order, as URLs relative to the app base.
    /// </summary>
    /// <value>Defaults to empty.</value>
    public List<string> Resources { get; set; } = [];

    /// <summary>Parameters added to the application's client configuration (<c>application_parameters</c>).</summary>
    /// <value>Defaults to empty.</value>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Channel rules, each for a pattern: an exact name (<c>lobby</c>) or a prefix ending in <c>*</c>
    /// (<c>room:*</c>). A list, not a map, because configuration keys cannot contain <c>:</c>. A channel
    /// no pattern matches is unknown to browsers (<c>not-found</c>).
    /// </summary>
    /// <value>Defaults to empty.</value>
    public List<ChannelRuleOptions> Channels { get; set; } = [];
}
