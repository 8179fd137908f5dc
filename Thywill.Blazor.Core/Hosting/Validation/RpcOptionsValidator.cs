using Microsoft.Extensions.Options;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Rpc</c>.</summary>
internal sealed class RpcOptionsValidator : IValidateOptions<RpcOptions>
{
    public ValidateOptionsResult Validate(string? name, RpcOptions options)
    {
        var errors = new OptionErrors(RpcOptions.Section);
        errors.Positive(nameof(options.Timeout), options.Timeout);
        errors.Range(nameof(options.MaxConcurrentCallsPerClient), options.MaxConcurrentCallsPerClient, 1, 10_000);
        return errors.Result();
    }
}
