using System.Text.Json;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Push;

/// <summary>
/// The one place the message size limit (<c>Thywill:Messages:MaxMessageBytes</c>) is checked on the
/// server: a browser's message is refused with <c>too-large</c>, an application's push throws.
/// </summary>
internal sealed class MessageLimit(IOptions<MessageOptions> options)
{
    /// <summary>The limit in bytes of UTF-8 JSON (fixed at start-up: the circuit hub's receive limit is made from it).</summary>
    public int Bytes => options.Value.MaxMessageBytes;

    /// <summary>A browser's message: <see langword="null"/> when within the limit, else the refusal.</summary>
    /// <param name="data">The message.</param>
    /// <param name="size">Its size in bytes.</param>
    public SendResult? Check(JsonElement data, out int size)
    {
        size = MessageSize.Measure(data);
        return size > Bytes
            ? SendResult.Refused(ErrorCodes.TooLarge, $"The message is {size} bytes; the limit is {Bytes} bytes.")
            : null;
    }

    /// <summary>An application's message, as JSON.</summary>
    /// <param name="data">Any value that serialises to JSON.</param>
    /// <exception cref="MessageTooLargeException">It is over the limit.</exception>
    public JsonElement Serialize(object? data)
    {
        var element = data is JsonElement json ? json : JsonSerializer.SerializeToElement(data, JsonDefaults.Web);
        MessageSize.EnsureWithinLimit(element, Bytes);
        return element;
    }
}
