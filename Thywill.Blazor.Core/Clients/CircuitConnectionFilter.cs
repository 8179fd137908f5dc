using Microsoft.AspNetCore.SignalR;

namespace Thywill.Blazor.Clients;

/// <summary>
/// Makes the circuit hub's current connection visible to the circuit handler, which runs within the
/// hub call that (re)connects a circuit. With it an operator can drop one client's connection —
/// the browser reconnects and resumes, exactly as after a network failure.
/// </summary>
internal sealed class CircuitConnectionFilter : IHubFilter
{
    private static readonly AsyncLocal<HubCallerContext?> CurrentContext = new();

    /// <summary>The hub connection whose call is running, if any.</summary>
    public static HubCallerContext? Current => CurrentContext.Value;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = invocationContext.Context;
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        finally
        {
            CurrentContext.Value = previous;
        }
    }
}
