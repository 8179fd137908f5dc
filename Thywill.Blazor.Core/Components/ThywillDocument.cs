using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Components;

/// <summary>
/// Step 1 of the bootstrap: the statically rendered init page. Resources in the seed's order — the
/// components' first, the application's last — then Blazor's script, which thywill.js starts.
/// </summary>
/// <remarks>Written without markup so that it can stay internal (a <c>.razor</c> component is always public).</remarks>
internal sealed class ThywillDocument : ComponentBase
{
    // The root is interactive but not prerendered: it renders nothing of its own until the
    // bootstrap completes, so prerendering would only cost a second render.
    private static readonly IComponentRenderMode ClientRenderMode = new InteractiveServerRenderMode(prerender: false);

    private BootstrapPage _page = default!;

    /// <summary>The application the page starts.</summary>
    [Parameter]
    [EditorRequired]
    public ApplicationDescriptor Application { get; set; } = default!;

    /// <summary>The browser's session id.</summary>
    [Parameter]
    [EditorRequired]
    public string SessionId { get; set; } = "";

    /// <summary>The app base path, ending with a slash.</summary>
    [Parameter]
    public string BasePath { get; set; } = "/";

    /// <summary>How long the browser waits for the bootstrap.</summary>
    [Parameter]
    public int BootstrapTimeoutMs { get; set; } = 20_000;

    /// <summary>The message size limit, checked in the browser before sending.</summary>
    [Parameter]
    public int MaxMessageBytes { get; set; } = 65_536;

    [Inject]
    private BootstrapComposer Composer { get; set; } = default!;

    protected override void OnParametersSet() => _page = Composer.ComposePage(Application);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>\n");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "en");

        builder.OpenElement(3, "head");
        builder.AddMarkupContent(4, "<meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />");
        builder.OpenElement(5, "base");
        builder.AddAttribute(6, "href", BasePath);
        builder.CloseElement();
        builder.OpenElement(7, "title");
        builder.AddContent(8, _page.Application.Name);
        builder.CloseElement();
        foreach (var (name, content) in Metas())
        {
            builder.OpenElement(9, "meta");
            builder.AddAttribute(10, "name", name);
            builder.AddAttribute(11, "content", content);
            builder.CloseElement();
        }

        foreach (var style in _page.All.Where(r => r.Type == BootstrapResourceType.Style))
        {
            builder.OpenElement(12, "link");
            builder.AddAttribute(13, "rel", "stylesheet");
            builder.AddAttribute(14, "href", style.Url);
            builder.AddAttribute(15, "data-thywill-resource", true);
            builder.CloseElement();
        }

        builder.CloseElement();

        builder.OpenElement(20, "body");
        builder.AddMarkupContent(21, "<div id=\"thywill-app\"></div>");
        builder.OpenComponent<ThywillClientRoot>(22);
        builder.AddComponentParameter(23, nameof(ThywillClientRoot.ApplicationId), _page.Application.Id);
        builder.AddComponentParameter(24, nameof(ThywillClientRoot.SessionId), SessionId);
        builder.AddComponentRenderMode(ClientRenderMode);
        builder.CloseComponent();
        foreach (var script in _page.All.Where(r => r.Type == BootstrapResourceType.Script))
        {
            builder.OpenElement(25, "script");
            builder.AddAttribute(26, "src", script.Url);
            builder.AddAttribute(27, "data-thywill-resource", true);
            builder.CloseElement();
        }

        builder.AddMarkupContent(28, "<script src=\"_framework/blazor.web.js\" autostart=\"false\"></script>");
        builder.CloseElement();

        builder.CloseElement();
    }

    // What thywill.js reads before the bootstrap.
    private IEnumerable<(string Name, string Content)> Metas()
    {
        yield return ("thywill-application", _page.Application.Id);
        yield return ("thywill-bootstrap-timeout", BootstrapTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("thywill-max-message-bytes", MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
