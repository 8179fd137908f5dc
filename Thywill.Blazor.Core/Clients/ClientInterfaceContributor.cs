using Microsoft.Extensions.Options;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Clients;

/// <summary>The client interface's part of the bootstrap: <c>thywill.js</c> and the message limits.</summary>
internal sealed class ClientInterfaceContributor(IOptions<MessageOptions> options) : IBootstrapContributor
{
    public const string ScriptUrl = "_content/Thywill.Blazor.Core/thywill.js";

    public ThywillComponent Component => ThywillComponent.ClientInterface;

    public void ContributeResources(ResourceContributionContext context) =>
        context.Add(BootstrapResource.Script(ScriptUrl));

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        var messages = options.Value;
        context.Parameters["maxMessageBytes"] = messages.MaxMessageBytes;
        context.Parameters["rateLimitPerSecond"] = messages.RateLimitPerSecond;
        return ValueTask.CompletedTask;
    }
}
