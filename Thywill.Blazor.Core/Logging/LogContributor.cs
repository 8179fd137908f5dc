using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Logging;

/// <summary>The log's part of the bootstrap: tells thywill.js to forward browser errors, and how many.</summary>
internal sealed class LogContributor : IBootstrapContributor
{
    public ThywillComponent Component => ThywillComponent.Log;

    public void ContributeResources(ResourceContributionContext context)
    {
        // Forwarding lives in thywill.js; the log needs no resource of its own.
    }

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        context.Parameters["forwardBrowserErrors"] = true;
        context.Parameters["maxErrorReports"] = BrowserLog.MaxReportsPerClient;
        return ValueTask.CompletedTask;
    }
}
