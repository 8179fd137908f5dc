using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A contributor that adds a script named after its component and appends that name to the
/// <c>trail</c> parameter, so a test can read the order contributors ran in.
/// </summary>
internal sealed class RecordingContributor(ThywillComponent component) : IBootstrapContributor
{
    public const string Trail = "trail";

    public ThywillComponent Component => component;

    public static string ScriptOf(ThywillComponent component) => $"{component}.js";

    public void ContributeResources(ResourceContributionContext context) =>
        context.Add(BootstrapResource.Script(ScriptOf(component)));

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        context.Parameters[Trail] = context.Parameters.TryGetValue(Trail, out var trail) ? $"{trail},{component}" : $"{component}";
        return ValueTask.CompletedTask;
    }
}
