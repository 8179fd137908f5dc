using Microsoft.Extensions.Options;
using Thywill.Blazor.Host.Extensions;

namespace Thywill.Blazor.Host.Operators;

/// <summary>Validates <c>Thywill:Operator</c>: every metrics network an address or a CIDR network.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var errors = new List<string>();
        AddressNetworks.Parse(OperatorOptions.Section + ":" + nameof(options.MetricsNetworks), options.MetricsNetworks, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
