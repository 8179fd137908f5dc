using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Components;
using Thywill.Blazor.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Thywill.Blazor's endpoints.</summary>
public static class ThywillEndpointRouteBuilderExtensions
{
    /// <summary>The path of an application's init page; <c>{app}</c> is its id.</summary>
    public const string InitPattern = "/thywill/init/{app}";

    /// <summary>
    /// Maps <c>/thywill/init/{app}</c>, the page that bootstraps a client of an application. The host
    /// must also map its Razor components with interactive server rendering (for the circuit hub).
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The endpoints, for further conventions.</returns>
    public static RouteGroupBuilder MapThywill(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/thywill");
        group.MapGet("/init/{app}", InitPage).WithName("ThywillInit");
        group.MapGet("/init", (HttpContext context, IApplicationCatalog catalog) => NotFoundPage(context, catalog, ""));
        return group;
    }

    private static IResult InitPage(
        string app,
        HttpContext context,
        IApplicationCatalog catalog,
        SessionCookie sessionCookie,
        IOptions<ClientOptions> clients,
        IOptions<MessageOptions> messages,
        NodeDrain drain)
    {
        if (drain.IsDraining)
        {
            // Shutting down: the balancer retries another node; a browser is told to come back.
            context.Response.Headers.RetryAfter = "1";
            return Results.Text("This node is shutting down; reload to reach another.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var application = ApplicationDescriptor.IsValidId(app) ? catalog.Find(app) : null;
        if (application is null)
        {
            return NotFoundPage(context, catalog, app);
        }

        var sessionId = sessionCookie.GetOrCreate(context);
        context.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<ThywillDocument>(new Dictionary<string, object?>
        {
            [nameof(ThywillDocument.Application)] = application,
            [nameof(ThywillDocument.SessionId)] = sessionId,
            [nameof(ThywillDocument.BasePath)] = BasePath(context),
            [nameof(ThywillDocument.BootstrapTimeoutMs)] = (int)clients.Value.BootstrapTimeout.TotalMilliseconds,
            [nameof(ThywillDocument.MaxMessageBytes)] = messages.Value.MaxMessageBytes,
        });
    }

    private static RazorComponentResult<ApplicationNotFound> NotFoundPage(HttpContext context, IApplicationCatalog catalog, string requested) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ApplicationNotFound.RequestedId)] = requested.Length > 64 ? requested[..64] + "…" : requested,
            [nameof(ApplicationNotFound.Applications)] = catalog.All,
            [nameof(ApplicationNotFound.BasePath)] = BasePath(context),
        })
        {
            StatusCode = StatusCodes.Status404NotFound,
        };

    private static string BasePath(HttpContext context) => context.Request.PathBase.Value + "/";
}
