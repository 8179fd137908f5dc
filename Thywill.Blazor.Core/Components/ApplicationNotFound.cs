using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Components;

/// <summary>Served with status 404 for <c>/thywill/init/{app}</c> when no such application is served.</summary>
/// <remarks>Written without markup so that it can stay internal (a <c>.razor</c> component is always public).</remarks>
internal sealed class ApplicationNotFound : ComponentBase
{
    private const string Head =
        """
        <meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>No such application</title>
        <style>
            body { font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 40rem; color: #222; }
            code { background: #f2f2f2; padding: 0 .25rem; }
            li { margin: .4rem 0; }
        </style>
        """;

    /// <summary>The id that was asked for.</summary>
    [Parameter]
    public string RequestedId { get; set; } = "";

    /// <summary>The applications that exist.</summary>
    [Parameter]
    public IReadOnlyList<ApplicationDescriptor> Applications { get; set; } = [];

    /// <summary>The app base path, ending with a slash.</summary>
    [Parameter]
    public string BasePath { get; set; } = "/";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>\n");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "en");
        builder.OpenElement(3, "head");
        builder.OpenElement(4, "base");
        builder.AddAttribute(5, "href", BasePath);
        builder.CloseElement();
        builder.AddMarkupContent(6, Head);
        builder.CloseElement();

        builder.OpenElement(10, "body");
        builder.OpenElement(11, "h1");
        builder.AddContent(12, $"No application “{RequestedId}”");
        builder.CloseElement();
        builder.OpenElement(13, "p");
        builder.AddContent(14, "This server does not serve an application with the id ");
        builder.OpenElement(15, "code");
        builder.AddContent(16, RequestedId);
        builder.CloseElement();
        builder.AddContent(17, ".");
        builder.CloseElement();
        if (Applications.Count == 0)
        {
            builder.AddMarkupContent(18, "<p>It serves no applications at all.</p>");
        }
        else
        {
            builder.AddMarkupContent(19, "<p>The applications it serves:</p>");
            builder.OpenElement(20, "ul");
            builder.AddAttribute(21, "id", "thywill-applications");
            foreach (var app in Applications)
            {
                builder.OpenElement(22, "li");
                builder.OpenElement(23, "a");
                builder.AddAttribute(24, "href", "thywill/init/" + app.Id);
                builder.AddContent(25, app.Name);
                builder.CloseElement();
                builder.AddContent(26, " ");
                builder.OpenElement(27, "code");
                builder.AddContent(28, app.Id);
                builder.CloseElement();
                builder.AddContent(29, " — " + app.Description);
                builder.CloseElement();
            }

            builder.CloseElement();
        }

        builder.CloseElement();
        builder.CloseElement();
    }
}
