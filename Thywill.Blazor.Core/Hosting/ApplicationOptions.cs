namespace Thywill.Blazor.Hosting;

/// <summary>Per-application settings from configuration.</summary>
public sealed class ApplicationOptions
{
    /// <summary>Whether the application is served.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Parameters added to the application's client configuration (<c>application_parameters</c>).</summary>
    /// <value>Defaults to empty.</value>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);
}
