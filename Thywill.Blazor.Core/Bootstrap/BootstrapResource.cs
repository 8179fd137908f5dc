namespace Thywill.Blazor.Bootstrap;

/// <summary>A script or style sheet a component or application adds to the client's page.</summary>
/// <param name="Type">Script or style.</param>
/// <param name="Url">A URL relative to the app base (for example <c>_content/My.Apps/chat/chat.js</c>) or absolute.</param>
public sealed record BootstrapResource(BootstrapResourceType Type, string Url)
{
    /// <summary>A script resource.</summary>
    /// <param name="url">Its URL.</param>
    public static BootstrapResource Script(string url) => new(BootstrapResourceType.Script, url);

    /// <summary>A style sheet resource.</summary>
    /// <param name="url">Its URL.</param>
    public static BootstrapResource Style(string url) => new(BootstrapResourceType.Style, url);
}
