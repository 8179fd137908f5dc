using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Thywill.Blazor.Hosting.Health;
using Thywill.Blazor.Host.Operators;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// <c>/health/live</c> (the process serves; no check runs) and <c>/health/ready</c> (the database
/// answers and the node is not draining), for balancers and orchestrators. Anyone gets the status
/// word and its code (200, or 503); a signed-in operator gets each check with its description.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ThywillHealth.ReadyTag), ResponseWriter = WriteAsync }).ExcludeFromDescription();
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(context.User, OperatorAccess.Policy)).Succeeded)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(report.Status.ToString());
            return;
        }

        // Descriptions only: an exception's text may name hosts and users of the database.
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, milliseconds = e.Value.Duration.TotalMilliseconds }),
        });
    }
}
