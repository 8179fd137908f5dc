using Microsoft.Extensions.Options;
using Thywill.Blazor.Host.Extensions;

namespace Thywill.Blazor.Host.Telemetry;

/// <summary>Validates <c>Thywill:Metrics:AllowedNetworks</c>: each entry an address or a network.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        AddressNetworks.Parse(MetricsOptions.Section + ":" + nameof(options.AllowedNetworks), options.NetworksInForce, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
