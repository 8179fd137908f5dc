using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Validates <c>Host:ForwardedHeaders</c>: each entry an address or a network.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var errors = new List<string>();
        AddressNetworks.Parse(ProxyOptions.Section + ":" + nameof(options.KnownProxies), options.KnownProxies, errors);
        AddressNetworks.Parse(ProxyOptions.Section + ":" + nameof(options.KnownNetworks), options.KnownNetworks, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
