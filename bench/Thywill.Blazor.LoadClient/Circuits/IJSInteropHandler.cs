namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>
/// Plays the page's JavaScript for a headless circuit: answers the server's JS interop calls
/// (<c>IJSRuntime.InvokeAsync</c>) as the page's scripts would.
/// </summary>
public interface IJSInteropHandler
{
    /// <summary>
    /// A call from .NET to a JavaScript function. Runs on the circuit's receive loop, in the order the
    /// server sent the calls (as in a browser): it must not block.
    /// </summary>
    /// <param name="identifier">The function, e.g. <c>thywill._deliver</c>.</param>
    /// <param name="argsJson">The arguments as a JSON array.</param>
    /// <returns>The answer: a JSON result, or an error as the browser would report it.</returns>
    JSInteropAnswer Invoke(string identifier, string argsJson);
}

/// <summary>The answer to one JS interop call.</summary>
/// <param name="Succeeded">Whether the function returned (rather than threw).</param>
/// <param name="ResultJson">The JSON of the result (<c>null</c> for none), or the error's text.</param>
public readonly record struct JSInteropAnswer(bool Succeeded, string ResultJson)
{
    /// <summary>A function that returned nothing.</summary>
    public static JSInteropAnswer Void { get; } = new(true, "null");

    /// <summary>A function that returned a JSON value.</summary>
    /// <param name="json">The value's JSON.</param>
    public static JSInteropAnswer Result(string json) => new(true, json);

    /// <summary>A function that threw.</summary>
    /// <param name="message">What the browser would report (message and stack).</param>
    public static JSInteropAnswer Error(string message) => new(false, message);
}
